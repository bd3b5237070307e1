import { z } from "zod";
import { ValidationError, issuesFromSchema } from "../../errors/index.js";
import { llamaCpp, localModelPath, openAICompatible, ReplayCache, type Provider } from "../../llm/index.js";

/**
 * How an LLM-guided optimizer reaches its model, as written in a study config's
 * `optimizer.options.llm` or passed in code. The key is read from the environment at
 * each call (never stored); a local server (vLLM, Ollama) needs `apiKeyEnv: null`; a
 * `local:` model runs in process (node-llama-cpp) with no server at all.
 */
export interface AgentLlmOptions {
  /**
   * Model name sent to the server, e.g. "gpt-4o-mini" or "Qwen/Qwen2.5-7B-Instruct"; or
   * `local:<path.gguf>` to run a GGUF model in process (path relative to the working directory).
   */
  model: string;
  /** Base URL of an OpenAI-compatible API (default "https://api.openai.com/v1"). */
  baseURL?: string;
  /** Environment variable holding the API key (default "OPENAI_API_KEY"); null sends none. */
  apiKeyEnv?: string | null;
  /** Sampling temperature of the agent's calls (default 0.7). */
  temperature?: number;
  /** SQLite file of a record/replay cache: a re-run replays the agent's calls at no cost. */
  cache?: string;
  /** `local:` models: CPU threads (default: the machine's cores). */
  threads?: number;
  /** `local:` models: context window in tokens (default 4096). */
  contextSize?: number;
  /** Time limit of one call in ms (default 60 000 over HTTP, 120 000 for `local:` models). */
  timeoutMs?: number;
  /** A ready provider (tests, AI SDK models); overrides baseURL/apiKeyEnv/cache. */
  provider?: Provider;
}

/** An agent's resolved LLM: the provider, the model and the sampling settings. */
export interface AgentLlm {
  provider: Provider;
  model: string;
  temperature: number;
}

const llmOptionsSchema = z.object({
  model: z.string().min(1),
  baseURL: z.url().optional(),
  apiKeyEnv: z.string().min(1).nullable().optional(),
  temperature: z.number().min(0).max(2).optional(),
  cache: z.string().min(1).optional(),
  threads: z.int().min(1).optional(),
  contextSize: z.int().min(64).optional(),
  timeoutMs: z.number().positive().optional(),
}).strict();

/**
 * Resolves the `llm` option of an LLM-guided optimizer. A missing or bad option is a
 * ValidationError naming the field and what it expects.
 *
 * @example
 * const llm = resolveAgentLlm({ model: "qwen2.5:7b", baseURL: "http://127.0.0.1:11434/v1", apiKeyEnv: null }, "research");
 */
export function resolveAgentLlm(options: unknown, agent: string): AgentLlm {
  if (options && typeof options === "object" && "provider" in options && (options as AgentLlmOptions).provider) {
    const given = options as AgentLlmOptions;
    if (typeof given.model !== "string" || !given.model) {
      throw new ValidationError([{ code: "invalid_type", path: [agent, "llm", "model"], message: "expected a model name (string)" }]);
    }
    return { provider: given.provider as Provider, model: given.model, temperature: given.temperature ?? 0.7 };
  }
  if (options === undefined) {
    throw new ValidationError([{ code: "missing", path: [agent, "llm"], message: 'expected an object like { model: "gpt-4o-mini", baseURL: "https://api.openai.com/v1" } (LLM-guided optimizers call a model)' }]);
  }
  const parsed = llmOptionsSchema.safeParse(options);
  if (!parsed.success) throw new ValidationError(issuesFromSchema(parsed.error.issues).map((issue) => ({ ...issue, path: [agent, "llm", ...issue.path] })));
  const { model, baseURL, apiKeyEnv, temperature, cache, threads, contextSize, timeoutMs } = parsed.data;
  const replay = cache ? { cache: new ReplayCache(cache) } : {};
  const modelPath = localModelPath(model);
  if (modelPath !== undefined) {
    if (baseURL !== undefined) {
      throw new ValidationError([{ code: "invalid_value", path: [agent, "llm", "baseURL"], message: "a local: model runs in process: remove baseURL (or name a served model instead of local:...)" }]);
    }
    const provider = llamaCpp({ modelPath, ...(threads ? { threads } : {}), ...(contextSize ? { contextSize } : {}), ...(timeoutMs ? { timeoutMs } : {}), ...replay });
    return { provider, model, temperature: temperature ?? 0.7 };
  }
  const provider = openAICompatible({
    baseURL: baseURL ?? "https://api.openai.com/v1",
    apiKeyEnv: apiKeyEnv === undefined ? "OPENAI_API_KEY" : apiKeyEnv,
    ...(timeoutMs ? { timeoutMs } : {}),
    ...replay,
  });
  return { provider, model, temperature: temperature ?? 0.7 };
}
