import type { ChatResponse } from "../spec.js";
import { LlmError } from "./llm-error.js";

/** Which part of a response could not be read. */
export type ResponsePart = "body" | "tool-arguments" | "structured-output" | "embeddings";

/**
 * The provider answered 2xx but the answer cannot be used: a body that is not the expected
 * JSON, tool-call arguments that are not a JSON object, structured output that is not JSON.
 * A garbled body (`part: "body"`, e.g. a proxy's HTML page sent with status 200) is
 * retryable like a 5xx: the next attempt usually gets a real answer. The other parts are
 * what the model wrote, which the same request would likely repeat.
 */
export class LlmResponseError extends LlmError {
  readonly part: ResponsePart;
  /** The start of the offending text (at most 200 characters). */
  readonly excerpt: string | undefined;
  /**
   * The whole answer, when one came and only its structured output failed: its text, usage
   * and cost, so a caller can charge the call and show the model what it wrote.
   */
  readonly response: ChatResponse | undefined;

  constructor(part: ResponsePart, problem: string, excerpt?: string, options?: { cause?: unknown; response?: ChatResponse }) {
    const shown = excerpt === undefined ? "" : ` (received: ${JSON.stringify(excerpt.slice(0, 200))}${excerpt.length > 200 ? "..." : ""})`;
    super("llm_bad_response", `${describe(part)} ${problem}${shown}`, part === "body", options);
    this.part = part;
    this.excerpt = excerpt?.slice(0, 200);
    this.response = options?.response;
  }
}

function describe(part: ResponsePart): string {
  switch (part) {
    case "body":
      return "the response body";
    case "tool-arguments":
      return "the arguments of a tool call";
    case "structured-output":
      return "the structured output (response_format json_schema)";
    case "embeddings":
      return "the embeddings response";
  }
}
