import { LlmError } from "./llm-error.js";

/** One attempt took longer than `timeoutMs`. Retryable: the next attempt may be faster. */
export class LlmTimeoutError extends LlmError {
  readonly timeoutMs: number;

  /** `target` names the call, e.g. "POST https://.../chat/completions". */
  constructor(target: string, timeoutMs: number) {
    super("llm_timeout", `${target} got no complete answer within ${timeoutMs} ms (raise timeoutMs if the model is slow)`, true);
    this.timeoutMs = timeoutMs;
  }
}
