import { z } from "zod";
import { integerOption, option, parseOptions, seedOption } from "../errors/index.js";
import { isSampler, randomSampler } from "../samplers/index.js";
import type { Sampler } from "../samplers/spec.js";
import { DEFAULT_STALL_LIMIT } from "./progress-guard.js";
import { fidelityLevels, type FidelityInput, type FidelityLevels } from "./levels.js";

/** Options every scheduler takes. */
export interface SchedulerOptions {
  /** Seeds the scheduler and the default inner sampler (default 0). */
  seed?: number;
  /**
   * The fidelity: a Space (or its JSON) of ordinal / int / float parameters, an explicit
   * list of levels lowest first, or ready `FidelityLevels`. Required.
   */
  fidelity: FidelityInput;
  /** Keep the top 1/eta at each rung; also the ratio of numeric fidelity ladders (default 3). */
  eta?: number;
  /** Proposes new configurations (default: the random sampler with `seed`). */
  sampler?: Sampler;
  /**
   * Count rungs in this cost (a name in the trials' `cost`, e.g. "usd" or "gpu_hours")
   * as well as in trials: a level may not cost more than the level below it. See `CostModel`.
   */
  costName?: string;
  /** Resource of each value of an ordinal fidelity parameter, lowest first (default index + 1). */
  resources?: Record<string, readonly number[]>;
  /** Marks int fidelity parameters that count examples, e.g. `{ examples: "examples" }`. */
  kinds?: Record<string, "examples">;
  /**
   * Complete trials a level needs before the inner sampler is fitted on it alone
   * (default: the space's dimension + 2, as in BOHB).
   */
  minModelTrials?: number;
  /**
   * Repeated proposals of a (configuration, level) already run that a run tolerates before
   * every further one is replaced by progress: the best configuration not yet run higher,
   * promoted one rung up (default 0: at once; raise it for a noisy objective where a re-run is
   * worth its cost). See `guardedScheduler`.
   */
  stallLimit?: number;
  /**
   * The study's budget (`trials`, `wall`, cost names), so that the run keeps its last
   * top-level evaluation: when what remains covers only one, the best configuration so far
   * runs at the top. `knobs bench` passes the run's budget; without it there is no endgame.
   */
  budget?: Record<string, number>;
  /**
   * `continue` when the fidelity levels are checkpoints of one run (a task's
   * `fidelity_cost: continue`): a promotion then pays only the difference, which the
   * endgame's cost prediction counts. Default `full`.
   */
  fidelityCost?: "continue" | "full";
}

/** Options after defaults and checks. */
export interface ResolvedSchedulerOptions {
  seed: number;
  levels: FidelityLevels;
  eta: number;
  inner: Sampler;
  costName: string | null;
  minModelTrials: number | null;
  stallLimit: number;
  budget: Readonly<Record<string, number>> | null;
  continues: boolean;
}


/** Every option of SchedulerOptions, with what a good value is. */
export const schedulerOptionsSchema = z.strictObject({
  seed: seedOption,
  fidelity: z.custom<FidelityInput>((value) => value !== undefined && value !== null).describe("a fidelity space or a list of levels"),
  eta: option(z.number().gt(1), "a finite number > 1"),
  sampler: option(z.custom<Sampler>(isSampler), "a Sampler (an object with doAsk)"),
  costName: option(z.string().min(1), "a cost name"),
  resources: option(z.record(z.string(), z.array(z.number())), "a map from fidelity parameter to its resources, lowest first"),
  kinds: option(z.record(z.string(), z.literal("examples")), 'a map from fidelity parameter to "examples"'),
  minModelTrials: integerOption(1, "an integer >= 1"),
  stallLimit: integerOption(0, "an integer >= 0"),
  budget: option(z.record(z.string(), z.number().min(0)), "a record of budget names to numbers >= 0"),
  fidelityCost: option(z.enum(["continue", "full"]), '"continue" or "full"'),
});

/**
 * Fills in defaults; throws one InvalidOptionsError naming every bad option, and every option
 * neither common to the schedulers nor in `own` (the schema of the scheduler's own options).
 * `defaultInner` makes the inner sampler when `sampler` is not given (default random).
 */
export function resolveSchedulerOptions(
  name: string,
  options: SchedulerOptions,
  { own = {}, defaultInner }: { own?: z.ZodRawShape; defaultInner?: (seed: number) => Sampler } = {},
): ResolvedSchedulerOptions {
  parseOptions(schedulerOptionsSchema.extend(own), options, `${name} scheduler`);
  const seed = options.seed ?? 0;
  const eta = options.eta ?? 3;
  const minModelTrials = options.minModelTrials ?? null;
  const stallLimit = options.stallLimit ?? DEFAULT_STALL_LIMIT;
  const budget = options.budget ?? null;
  const levels = fidelityLevels(options.fidelity, { eta, resources: options.resources, kinds: options.kinds });
  const inner = options.sampler ?? (defaultInner ? defaultInner(seed) : randomSampler({ seed }));
  return { seed, levels, eta, inner, costName: options.costName ?? null, minModelTrials, stallLimit, budget, continues: options.fidelityCost === "continue" };
}
