import { attemptSignal } from "../attempt-signal.js";
import { LlmAbortedError } from "../errors/llm-aborted-error.js";
import { LlmApiError } from "../errors/llm-api-error.js";
import { LlmNetworkError } from "../errors/llm-network-error.js";
import { LlmResponseError } from "../errors/llm-response-error.js";
import { LlmTimeoutError } from "../errors/llm-timeout-error.js";
import { redact } from "../redact.js";
import { parseRetryAfter } from "../retry-after.js";

export interface PostJsonOptions {
  url: string;
  body: unknown;
  headers: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Removed from every text that goes into an error (the API key). */
  secret?: string;
  now: () => number;
  fetch: typeof fetch;
}

/**
 * POSTs JSON and returns the parsed JSON answer, with `secret` struck from it. Each failure becomes a typed error:
 * caller abort -> LlmAbortedError, timeout -> LlmTimeoutError, no answer ->
 * LlmNetworkError, HTTP error -> LlmApiError (with Retry-After), non-JSON -> LlmResponseError.
 */
export async function postJson(options: PostJsonOptions): Promise<unknown> {
  const attempt = attemptSignal(options.signal, options.timeoutMs);
  const shownUrl = redact(options.url, options.secret);
  const fail = (error: unknown): never => {
    if (options.signal?.aborted) throw new LlmAbortedError(options.signal.reason);
    if (attempt.timedOut) throw new LlmTimeoutError(`POST ${shownUrl}`, options.timeoutMs);
    throw new LlmNetworkError(`POST ${shownUrl}`, redact(describeFetchError(error), options.secret));
  };

  let response: Response;
  let text: string;
  try {
    response = await options.fetch(options.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...options.headers },
      body: JSON.stringify(options.body),
      signal: attempt.signal,
    });
    // The key is struck from the answer itself, so no error, cache row or log downstream can hold it.
    text = redact(await response.text(), options.secret);
  } catch (error) {
    return fail(error);
  } finally {
    attempt.dispose();
  }

  if (!response.ok) {
    throw new LlmApiError({
      status: response.status,
      url: shownUrl,
      serverMessage: serverMessageOf(text),
      responseBody: text.slice(0, 2000),
      retryAfterMs: parseRetryAfter(response.headers, options.now()),
    });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new LlmResponseError("body", `of POST ${shownUrl} is not JSON`, text);
  }
}

/** The error message inside an error body: OpenAI `{error: {message}}`, vLLM `{message}`, FastAPI `{detail}`. */
function serverMessageOf(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body.trim() ? body.trim().slice(0, 300) : undefined;
  }
  if (parsed === null || typeof parsed !== "object") return undefined;
  const record = parsed as Record<string, unknown>;
  const error = record.error;
  if (typeof error === "string") return error.slice(0, 300);
  if (error && typeof error === "object" && typeof (error as Record<string, unknown>).message === "string") {
    return ((error as Record<string, unknown>).message as string).slice(0, 300);
  }
  for (const field of ["message", "detail"]) {
    if (typeof record[field] === "string") return (record[field] as string).slice(0, 300);
  }
  return undefined;
}

/** fetch wraps the reason (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: string }).code;
    return code ? `${code}: ${cause.message}` : cause.message;
  }
  return error.message;
}
