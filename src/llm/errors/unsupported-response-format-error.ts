import { LlmError } from "./llm-error.js";

/**
 * The provider cannot constrain the answer to this `responseFormat` (a model or runtime
 * without structured output, or a schema it cannot turn into a grammar). Not retryable as is:
 * ask again without `responseFormat` (see `rejectsResponseFormat`).
 */
export class UnsupportedResponseFormatError extends LlmError {
  constructor(target: string, reason: string) {
    super("unsupported_response_format", `${target} cannot enforce the response_format json_schema: ${reason}`, false);
  }
}
