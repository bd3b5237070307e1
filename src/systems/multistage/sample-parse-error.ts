import { KnobsError } from "../../errors/index.js";

/**
 * A stage could not read one reply (no passage list, an empty answer). Thrown by a stage's
 * `parse`; the pipeline records it on that sample, which then takes no part in the
 * aggregation. The message names what was expected and shows the start of the reply.
 */
export class SampleParseError extends KnobsError {
  readonly excerpt: string;

  constructor(expected: string, reply: string) {
    const excerpt = reply.slice(0, 120);
    super("sample_parse_error", `malformed reply: expected ${expected}, received ${JSON.stringify(excerpt)}${reply.length > 120 ? "..." : ""}`);
    this.excerpt = excerpt;
  }
}
