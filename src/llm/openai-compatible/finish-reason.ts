import type { FinishReason } from "../spec.js";

/** OpenAI's `finish_reason` in knobs' words. */
export function mapFinishReason(reason: unknown): FinishReason {
  switch (reason) {
    case "stop":
      return "stop";
    case "length":
      return "length";
    case "tool_calls":
    case "function_call":
      return "tool-calls";
    case "content_filter":
      return "content-filter";
    case null:
    case undefined:
      return "unknown";
    default:
      return "other";
  }
}
