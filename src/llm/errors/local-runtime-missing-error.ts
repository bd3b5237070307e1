import { LlmError } from "./llm-error.js";

/** A `local:` model was asked for but node-llama-cpp (an optional peer dependency) is not installed. */
export class LocalRuntimeMissingError extends LlmError {
  constructor(version: string, cause?: unknown) {
    super(
      "local_runtime_missing",
      `a local: model needs node-llama-cpp, which is not installed: run \`npm install -E node-llama-cpp@${version}\` (see docs/llm.md, "Embedded local models")`,
      false,
      { cause },
    );
  }
}
