import { KnobsError } from "../errors/index.js";

/** A sampler was used with a number of objectives it does not handle. */
export class UnsupportedObjectivesError extends KnobsError {
  readonly sampler: string;
  readonly objectives: number;

  constructor(sampler: string, objectives: number, hint: string) {
    super("unsupported_objectives", `the ${sampler} sampler optimizes a single objective, but the study has ${objectives}: ${hint}`);
    this.sampler = sampler;
    this.objectives = objectives;
  }
}
