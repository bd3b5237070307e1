import { LlmError } from "./llm-error.js";

/** The GGUF file a `local:` model names does not exist or cannot be read. */
export class LocalModelMissingError extends LlmError {
  constructor(path: string, reason: string) {
    super("local_model_missing", `cannot load the local model ${path}: ${reason} (expected a GGUF file, e.g. local:./models/qwen2.5-0.5b-instruct-q4_k_m.gguf)`, false);
  }
}
