import { LlmError } from "./llm-error.js";

/** A request named a model the provider was not given. */
export class UnknownModelError extends LlmError {
  readonly model: string;

  constructor(model: string, kind: "language" | "embedding", known: readonly string[]) {
    const hint = known.length ? `known ${kind} models: ${known.join(", ")}` : `this provider was given no ${kind} model`;
    super("unknown_model", `no ${kind} model named "${model}" (${hint})`, false);
    this.model = model;
  }
}
