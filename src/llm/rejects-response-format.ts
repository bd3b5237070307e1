import { LlmApiError } from "./errors/llm-api-error.js";
import { UnsupportedResponseFormatError } from "./errors/unsupported-response-format-error.js";

// Statuses a server answers a request it will not take (not auth, rate limits or timeouts).
const REQUEST_REJECTED = new Set([400, 404, 415, 422, 501]);
const NAMES_THE_FORMAT = /response_format|response format|json_schema|json schema|structured output|strict/i;

/**
 * True when `error` says the provider will not take the request's `responseFormat`: an
 * `UnsupportedResponseFormatError`, or an HTTP 400/404/415/422/501 whose message or body
 * names it (vLLM, llama.cpp server and OpenAI word it differently, but all name
 * `response_format`, `json_schema` or `strict`). The caller may ask again without it.
 */
export function rejectsResponseFormat(error: unknown): boolean {
  if (error instanceof UnsupportedResponseFormatError) return true;
  if (!(error instanceof LlmApiError) || !REQUEST_REJECTED.has(error.status)) return false;
  return NAMES_THE_FORMAT.test(`${error.message}\n${error.responseBody ?? ""}`);
}
