import { KnobsError } from "../errors/index.js";

/** A fidelity space or level list that cannot be turned into an ordered ladder of levels. */
export class InvalidFidelityError extends KnobsError {
  /** The fidelity parameter at fault, when one is. */
  readonly param: string | null;

  constructor(message: string, param: string | null = null) {
    super("invalid_fidelity", param === null ? message : `fidelity parameter "${param}": ${message}`);
    this.param = param;
  }
}
