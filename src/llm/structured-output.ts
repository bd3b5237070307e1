import { LlmResponseError } from "./errors/llm-response-error.js";
import type { ChatResponse, Provider } from "./spec.js";

/**
 * The JSON value of a structured-output answer. A single ```json fence around it (some
 * local models add one) is tolerated; a refusal or text that is not JSON is an error.
 */
export function parseStructuredOutput(text: string, refusal?: unknown, response?: ChatResponse): unknown {
  if (typeof refusal === "string" && refusal) throw new LlmResponseError("structured-output", "is missing: the model refused", refusal, { response });
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(text);
  const json = fenced ? fenced[1] : text;
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new LlmResponseError("structured-output", `is not valid JSON (${(error as Error).message})`, text, { response });
  }
}

/**
 * Fills `object` of every chat answer to a request with a `responseFormat` (unless the model
 * called tools). It sits outside the replay cache, so the cache records the answer as it came,
 * and a recorded answer that is not JSON is replayed as the same error instead of being asked
 * again. The error carries the answer (`LlmResponseError.response`): it was paid for.
 */
export function withStructuredOutput(provider: Provider): Provider {
  return {
    name: provider.name,
    embed: (request) => provider.embed(request),
    async chat(request) {
      const response = await provider.chat(request);
      if (!request.responseFormat || response.toolCalls.length > 0) return response;
      return { ...response, object: parseStructuredOutput(response.text, response.refusal, response) };
    },
  };
}
