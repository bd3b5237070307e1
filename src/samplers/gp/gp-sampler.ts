import { z } from "zod";
import { integerOption, option, parseOptions, seedOption, switchOption } from "../../errors/index.js";
import { rngFor } from "../../math/index.js";
import type { Space } from "../../space/index.js";
import type { TrialRecord } from "../../storage/spec.js";
import { completedTrials } from "../history.js";
import type { Proposal, Sampler, SamplerContext } from "../spec.js";
import { fitKernelParams } from "./fit-kernel-params.js";
import type { GpData } from "./gaussian-process.js";
import { kernelGroupsOf } from "./kernel-groups.js";
import type { KernelParams } from "./kernel.js";
import { proposePoint } from "./propose-point.js";
import { INACTIVE_COORDINATE, searchBoxOf, type SearchBox } from "./search-box.js";
import { trainingDataOf, type Encoding } from "./training-data.js";
import { SIMPLEX_COORDINATES, withSimplexCoordinates, type SimplexCoordinates } from "../simplex-coordinates.js";

export interface GpSamplerOptions {
  /** Seeds the random startup trials, the candidates and the local-search starts (default 0). */
  seed?: number;
  /**
   * Random proposals (`space.sample`) until this many trials are complete (default 10);
   * the GP needs at least one complete trial whatever this says.
   */
  startupTrials?: number;
  /**
   * Sobol candidates scored per proposal before the local search (default 1024; Optuna
   * scores 2048). Scoring costs O(candidates · trials²) and dominates a proposal's time
   * with a long history, while the local search makes up for fewer candidates.
   */
  candidates?: number;
  /** Local searches per proposal, from the best candidates and the best trial (default 10). */
  localSearches?: number;
  /**
   * The objective returns the same value for the same configuration: fix the GP's noise at
   * a tiny floor instead of fitting it (default false).
   */
  deterministic?: boolean;
  /**
   * Condition each proposal on the trials still running (and queued): the GP takes them as
   * observed at their predicted values (Kriging believer), so parallel workers are not sent
   * to the same place (default true).
   */
  conditionOnRunning?: boolean;
  /**
   * In a conditional space, compare two configurations only on the parameters active in
   * both, with a fitted branch weight for each group one of them lacks (default true);
   * false encodes inactive parameters as the middle of their range instead.
   */
  conditionalKernel?: boolean;
  /**
   * The coordinates a simplex parameter is modelled in (simplex-coordinates.ts; default
   * "ilr", the isometric log-ratio embedding, whose Euclidean distance is the Aitchison
   * distance): "ilr", "alr" or "stick-breaking".
   */
  simplexCoordinates?: SimplexCoordinates;
}

/** The options `gpSampler` takes. */
export const gpOptionsSchema = z.strictObject({
  seed: seedOption,
  startupTrials: integerOption(0, "a non-negative integer"),
  candidates: integerOption(1, "a positive integer"),
  localSearches: integerOption(1, "a positive integer"),
  deterministic: switchOption,
  conditionOnRunning: switchOption,
  conditionalKernel: switchOption,
  simplexCoordinates: option(z.enum(SIMPLEX_COORDINATES as [SimplexCoordinates, ...SimplexCoordinates[]]), SIMPLEX_COORDINATES.map((c) => JSON.stringify(c)).join(", ")),
});

/**
 * Gaussian-process Bayesian optimization (as Optuna's GPSampler): models each objective
 * with a GP whose kernel is Matérn 5/2 with one lengthscale per parameter (ARD) over the
 * unit-cube encoding of `space.encode` (log-scale parameters log-encoded, integers and
 * ordinals at their bin centres), and a Hamming distance with its own lengthscale for each
 * categorical parameter. Kernel scale, noise and lengthscales are fitted by maximizing the
 * marginal likelihood with Optuna's priors (L-BFGS in log space) from fixed starts every
 * time, never from a previous fit, so the proposal depends only on the seed and the history.
 * With one objective the next configuration maximizes log expected improvement (Ament et
 * al. 2023) over the best posterior mean at a feasible trial; with several, one GP per
 * objective and log expected hypervolume improvement over the front of posterior means
 * (exact for two and three objectives, over a greedy hypervolume subset of 12 front points
 * beyond). With constraints, each one gets its own GP and the acquisition adds
 * log P(feasible) (Gardner et al. 2014). The maximization scores Sobol candidates and
 * refines the best by L-BFGS on continuous coordinates and swaps along integer, step,
 * ordinal and categorical ones.
 *
 * Running and queued trials count (`conditionOnRunning`): each GP also takes their points,
 * "observed" at its own prediction (Kriging believer), which leaves its mean and lowers its
 * variance there, so a worker is not sent where another is already looking. In a
 * conditional space (`conditionalKernel`) the kernel compares two configurations on the
 * parameters active in both only, times a fitted branch weight per group of parameters
 * one of them lacks. The first `startupTrials` complete trials are random; failed and
 * pruned trials are ignored.
 *
 * @example
 * const study = await createStudy({ name: "gp-demo", storage: "memory:", space, direction: "minimize",
 *   sampler: gpSampler({ seed: 1, startupTrials: 10 }) });
 * await study.optimize(objective, { budget: { trials: 50 }, concurrency: 4 });
 */
export function gpSampler(options: GpSamplerOptions = {}): Sampler {
  const seed = options.seed ?? 0;
  const startupTrials = options.startupTrials ?? 10;
  parseOptions(gpOptionsSchema, options, "gp sampler");
  const conditionOnRunning = options.conditionOnRunning ?? true;
  const conditionalKernel = options.conditionalKernel ?? true;
  const simplexCoordinates = options.simplexCoordinates ?? "ilr";
  let layout: { key: string; box: SearchBox; encoding: Encoding } | null = null;
  const fits = new FitMemo(seed);

  const layoutOf = (space: Space): { box: SearchBox; encoding: Encoding } => {
    const key = JSON.stringify(space.toJSON());
    if (layout?.key !== key) {
      const groups = conditionalKernel ? kernelGroupsOf(space) : null;
      const inactive = groups ? NaN : INACTIVE_COORDINATE;
      const box = searchBoxOf(space, inactive);
      layout = { key, box, encoding: { categorical: box.categorical, groups, inactive } };
    }
    return layout;
  };

  return withSimplexCoordinates({
    name: "gp",
    seed,
    doAsk(ctx: SamplerContext): Proposal {
      const trials = completedTrials(ctx.trials);
      if (trials.length < Math.max(1, startupTrials) || ctx.space.size === 0) {
        return { config: ctx.space.sample(ctx.rng) };
      }
      const { box, encoding } = layoutOf(ctx.space);
      const pending = conditionOnRunning ? pendingTrials(ctx) : [];
      const training = trainingDataOf(ctx.space, encoding, trials, ctx.objectives, pending);
      const point = proposePoint({
        training,
        box,
        rng: ctx.rng,
        fit: (data, role, deterministic) => fits.fit(data, role, deterministic),
        deterministic: options.deterministic,
        candidates: options.candidates,
        localSearches: options.localSearches,
      });
      return { config: ctx.space.decode(point) };
    },
  }, simplexCoordinates);
}

/**
 * Running and queued trials other than the one being proposed whose configuration is a
 * whole member of the space (a define-by-run trial may not have suggested everything yet).
 */
function pendingTrials(ctx: SamplerContext): TrialRecord[] {
  return ctx.trials.filter(
    (trial) => (trial.state === "running" || trial.state === "queued") && trial.number !== ctx.trialNumber && ctx.space.check(trial.config).length === 0,
  );
}

/**
 * Kernel fits remembered by their exact data, so asking again with an unchanged history
 * (parallel workers, a retried ask) skips the fit. A fit is a pure function of its data
 * and the seed, so remembering never changes a proposal.
 */
class FitMemo {
  private readonly entries = new Map<string, { key: string; params: KernelParams }>();

  constructor(private readonly seed: number) {}

  fit(data: GpData, role: string, deterministic: boolean): KernelParams {
    const key = `${deterministic}:${data.n}:${data.d}:${hashData(data)}`;
    const entry = this.entries.get(role);
    if (entry?.key === key) return entry.params;
    const params = fitKernelParams(data, { rng: rngFor(this.seed, "gp-fit", role, data.n), deterministic });
    this.entries.set(role, { key, params });
    return params;
  }
}

/** Two independent FNV-1a hashes (64 bits in all) of the bytes of the points and values. */
function hashData(data: GpData): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (const array of [data.x, data.y]) {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let i = 0; i < bytes.length; i++) {
      a = Math.imul(a ^ bytes[i], 0x01000193);
      b = Math.imul(b ^ bytes[i], 0x01000193) ^ (b >>> 13);
    }
  }
  return `${(a >>> 0).toString(16)}-${(b >>> 0).toString(16)}`;
}
