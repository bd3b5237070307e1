import { KnobsError } from "../errors/index.js";
import type { OptimizerKind } from "./spec.js";

/** A multi-fidelity optimizer was made without a fidelity space; the message says where to give one. */
export class MissingFidelityError extends KnobsError {
  readonly optimizer: string;

  constructor(optimizer: string, kind: OptimizerKind) {
    super(
      "missing_fidelity",
      `optimizer "${optimizer}" is a multi-fidelity ${kind} and needs a fidelity space (the study config's \`fidelity:\`, spec.json's "fidelity", or a task with fidelities)`,
    );
    this.optimizer = optimizer;
  }
}
