import { ValidationError, type Issue } from "../errors/index.js";
import { createSampler } from "../samplers/index.js";
import { unknownOptionIssues } from "../samplers/check-options.js";
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

/** Every option of SchedulerOptions. */
const COMMON_OPTIONS: (keyof SchedulerOptions)[] = ["seed", "fidelity", "eta", "sampler", "costName", "resources", "kinds", "minModelTrials", "stallLimit", "budget", "fidelityCost"];

/**
 * Fills in defaults; throws one ValidationError naming every bad option, and every option
 * neither common to the schedulers nor in `own` (the scheduler's own option names).
 * `defaultInner` makes the inner sampler when `sampler` is not given (default random).
 */
export function resolveSchedulerOptions(
  name: string,
  options: SchedulerOptions,
  { own = [], defaultInner }: { own?: readonly string[]; defaultInner?: (seed: number) => Sampler } = {},
): ResolvedSchedulerOptions {
  const issues: Issue[] = unknownOptionIssues(options, [...COMMON_OPTIONS, ...own]);
  const check = (option: string, ok: boolean, expected: string, value: unknown) => {
    if (ok) return;
    const received = JSON.stringify(value) ?? String(value);
    issues.push({ code: "invalid_option", path: [option], message: `expected ${expected}, received ${received}`, expected, received });
  };
  const seed = options.seed ?? 0;
  const eta = options.eta ?? 3;
  check("seed", Number.isInteger(seed), "an integer", options.seed);
  check("eta", typeof eta === "number" && eta > 1 && Number.isFinite(eta), "a finite number > 1", options.eta);
  check("fidelity", options.fidelity !== undefined && options.fidelity !== null, "a fidelity space or a list of levels", options.fidelity);
  check("costName", options.costName === undefined || (typeof options.costName === "string" && options.costName.length > 0), "a cost name", options.costName);
  const minModelTrials = options.minModelTrials ?? null;
  check("minModelTrials", minModelTrials === null || (Number.isInteger(minModelTrials) && minModelTrials >= 1), "an integer >= 1", options.minModelTrials);
  const stallLimit = options.stallLimit ?? DEFAULT_STALL_LIMIT;
  check("stallLimit", Number.isInteger(stallLimit) && stallLimit >= 0, "an integer >= 0", options.stallLimit);
  const budget = options.budget ?? null;
  check(
    "budget",
    budget === null || (typeof budget === "object" && Object.values(budget).every((amount) => typeof amount === "number" && amount >= 0)),
    "a record of budget names to numbers >= 0",
    options.budget,
  );
  check("fidelityCost", options.fidelityCost === undefined || options.fidelityCost === "continue" || options.fidelityCost === "full", '"continue" or "full"', options.fidelityCost);
  if (issues.length > 0) throw new ValidationError(issues, `${name} scheduler`);
  const levels = fidelityLevels(options.fidelity, { eta, resources: options.resources, kinds: options.kinds });
  const inner = options.sampler ?? (defaultInner ? defaultInner(seed) : createSampler("random", { seed }));
  return { seed, levels, eta, inner, costName: options.costName ?? null, minModelTrials, stallLimit, budget, continues: options.fidelityCost === "continue" };
}
