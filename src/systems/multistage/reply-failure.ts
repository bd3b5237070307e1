import { LlmApiError, LlmResponseError } from "../../llm/index.js";
import { SampleParseError } from "./sample-parse-error.js";

// Statuses that reject this one request (too long a prompt, bad arguments) rather than the setup.
const REQUEST_REJECTED = new Set([400, 413, 422]);

/**
 * True when an error belongs to one reply or one request, not to the setup: a malformed
 * reply (SampleParseError, LlmResponseError) or a request the server rejected (HTTP 400, 413,
 * 422, e.g. a prompt longer than the model's context). Such an error fails one sample or one
 * agent run; anything else (no key, no server, 401, 404, retries exhausted) is thrown, so that a
 * wrong setup never passes for a bad score.
 */
export function isReplyFailure(error: unknown): boolean {
  if (error instanceof SampleParseError || error instanceof LlmResponseError) return true;
  return error instanceof LlmApiError && REQUEST_REJECTED.has(error.status);
}

/** `{code, message}` of an error, for traces and sample records. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof Error) return { code: (error as { code?: string }).code ?? error.name, message: error.message };
  return { code: "error", message: String(error) };
}
