import { LlmResponseError } from "./errors/llm-response-error.js";

/**
 * The JSON value of a structured-output answer. A single ```json fence around it (some
 * local models add one) is tolerated; a refusal or text that is not JSON is an error.
 */
export function parseStructuredOutput(text: string, refusal?: unknown): unknown {
  if (typeof refusal === "string" && refusal) throw new LlmResponseError("structured-output", "is missing: the model refused", refusal);
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(text);
  const json = fenced ? fenced[1] : text;
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new LlmResponseError("structured-output", `is not valid JSON (${(error as Error).message})`, text);
  }
}
