import { KnobsError, type ErrorCode } from "../../errors/index.js";

/** Base of the errors the LLM layer throws: says whether trying the same call again may help. */
export class LlmError extends KnobsError {
  readonly isRetryable: boolean;

  constructor(code: ErrorCode, message: string, isRetryable: boolean, options?: { cause?: unknown }) {
    super(code, message, options);
    this.isRetryable = isRetryable;
  }
}
