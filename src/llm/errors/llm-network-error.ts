import { LlmError } from "./llm-error.js";

/** The request never got an HTTP answer (connection refused, reset, DNS). Retryable. */
export class LlmNetworkError extends LlmError {
  /** `target` names the call, e.g. "POST https://.../chat/completions". */
  constructor(target: string, reason: string) {
    super("llm_network_error", `${target} failed before any HTTP answer: ${reason}`, true);
  }
}
