import { KnobsError } from "./knobs-error.js";

/** A library function got an argument it cannot use; the message states what holds and what was given. */
export class InvalidArgumentError extends KnobsError {
  constructor(message: string) {
    super("invalid_argument", message);
  }
}
