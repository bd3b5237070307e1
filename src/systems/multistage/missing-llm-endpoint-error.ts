import { KnobsError } from "../../errors/index.js";

/** A live task needs an LLM but no endpoint is configured ($KNOBS_LLM_BASE_URL is unset or empty). */
export class MissingLlmEndpointError extends KnobsError {
  readonly envVar: string;

  constructor(envVar: string, task?: string) {
    super(
      "missing_llm_endpoint",
      `${task ? `task ${task} calls an LLM, but ` : ""}no LLM endpoint is configured: set ${envVar} to the root of an OpenAI-compatible API ` +
        "(e.g. https://api.openai.com/v1; http://127.0.0.1:8000/v1 for vLLM; http://127.0.0.1:11434/v1 for Ollama), " +
        "or pass a provider in the task's options",
    );
    this.envVar = envVar;
  }
}
