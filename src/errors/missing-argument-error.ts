import { KnobsError } from "./knobs-error.js";

/** A command needs an argument or flag that was not given; the message says which. */
export class MissingArgumentError extends KnobsError {
  constructor(message: string) {
    super("missing_argument", message);
  }
}
