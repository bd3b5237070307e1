import { LlmError } from "./llm-error.js";

/** The caller aborted the call through its signal. Never retried. */
export class LlmAbortedError extends LlmError {
  constructor(reason?: unknown) {
    super("aborted", "the LLM call was aborted by the caller", false, { cause: reason });
  }
}
