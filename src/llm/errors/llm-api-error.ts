import { LlmError } from "./llm-error.js";

/** Statuses worth a retry: timeout, conflict, rate limit, and any server error. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

export interface LlmApiErrorInit {
  status: number;
  url: string;
  /** The server's error message, if its body had one (already stripped of any key). */
  serverMessage?: string;
  /** The start of the response body (already stripped of any key). */
  responseBody?: string;
  /** How long the server asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number;
}

/** The provider answered with an HTTP error status. */
export class LlmApiError extends LlmError {
  readonly status: number;
  readonly url: string;
  readonly responseBody: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: LlmApiErrorInit) {
    const detail = init.serverMessage ? `: ${init.serverMessage}` : "";
    const hint = init.status === 401 || init.status === 403 ? " (check the API key and its permissions)" : "";
    super("llm_api_error", `POST ${init.url} failed with HTTP ${init.status}${detail}${hint}`, isRetryableStatus(init.status));
    this.status = init.status;
    this.url = init.url;
    this.responseBody = init.responseBody;
    this.retryAfterMs = init.retryAfterMs;
  }
}
