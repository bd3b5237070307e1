import { didYouMean, KnobsError } from "../errors/index.js";

/** An optimizer name the registry does not hold; the message lists every name it does. */
export class UnknownOptimizerError extends KnobsError {
  readonly optimizer: string;
  readonly accepted: string[];

  constructor(optimizer: string, accepted: readonly string[]) {
    // The code predates the registry, when only samplers had names; clients may key on it.
    super("unknown_sampler", `unknown optimizer "${optimizer}": expected one of ${accepted.join(", ")}${didYouMean(optimizer, accepted)}`);
    this.optimizer = optimizer;
    this.accepted = [...accepted];
  }
}
