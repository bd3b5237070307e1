import { LlmAbortedError } from "../errors/llm-aborted-error.js";
import { LlmApiError } from "../errors/llm-api-error.js";
import { LlmError } from "../errors/llm-error.js";
import { LlmNetworkError } from "../errors/llm-network-error.js";
import { LlmTimeoutError } from "../errors/llm-timeout-error.js";
import { UnsupportedResponseFormatError } from "../errors/unsupported-response-format-error.js";
import { parseRetryAfter } from "../retry-after.js";

/**
 * An error thrown by an AI SDK model as a knobs error, so the retry policy can judge it:
 * the SDK's APICallError (`statusCode`, `responseHeaders`) becomes LlmApiError, another
 * error the SDK marks retryable becomes LlmNetworkError, its UnsupportedFunctionalityError
 * about the response format becomes UnsupportedResponseFormatError; anything else passes through.
 */
export function mapAiSdkError(error: unknown, label: string, caller: AbortSignal | undefined, timedOut: boolean, timeoutMs: number, now: number): unknown {
  if (caller?.aborted) return new LlmAbortedError(caller.reason);
  if (timedOut) return new LlmTimeoutError(label, timeoutMs);
  if (error instanceof LlmError || !(error instanceof Error)) return error;
  const fields = error as Error & { statusCode?: unknown; responseHeaders?: unknown; isRetryable?: unknown; url?: unknown; functionality?: unknown };
  if (error.name === "AI_UnsupportedFunctionalityError" && /response ?format|json|schema|structured/i.test(String(fields.functionality))) {
    return new UnsupportedResponseFormatError(label, error.message.slice(0, 300));
  }
  if (typeof fields.statusCode === "number") {
    const headers = fields.responseHeaders && typeof fields.responseHeaders === "object" ? new Headers(fields.responseHeaders as Record<string, string>) : new Headers();
    return new LlmApiError({
      status: fields.statusCode,
      url: typeof fields.url === "string" ? fields.url : label,
      serverMessage: error.message.slice(0, 300),
      retryAfterMs: parseRetryAfter(headers, now),
    });
  }
  if (fields.isRetryable === true) return new LlmNetworkError(label, error.message.slice(0, 300));
  return error;
}
