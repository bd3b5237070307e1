import { LlmError } from "./llm-error.js";

/** A replay-only cache has no recording of this request, and replay-only forbids a live call. */
export class ReplayMissError extends LlmError {
  readonly key: string;
  readonly model: string;

  constructor(kind: "chat" | "embed", model: string, key: string) {
    super(
      "replay_miss",
      `the replay cache has no recorded ${kind} call for model "${model}" (key ${key.slice(0, 12)}...) and is in replay-only mode: record it first with mode "read-write"`,
      false,
    );
    this.key = key;
    this.model = model;
  }
}
