import { z } from "zod";
import { integerOption, option, parseOptions, seedOption, switchOption } from "../../errors/index.js";
import { decodeValue, type Space } from "../../space/index.js";
import type { Objective, TrialRecord } from "../../storage/spec.js";
import { isFeasible, lossesOf, violation } from "../history.js";
import { UnsupportedObjectivesError } from "../errors.js";
import type { Proposal, Sampler, SamplerContext } from "../spec.js";
import { cmaCoordinates, encodeCoordinates, type CmaCoordinates } from "./cma-coordinates.js";
import { firstRun, sampleCandidate, tellGeneration, type CmaRun, type CmaRunSettings } from "./cma-run.js";
import { GenerationLog } from "../generation-log.js";
import { withSimplexCoordinates } from "../simplex-coordinates.js";

export interface CmaEsSamplerOptions {
  /** Seeds every candidate and restart (default 0). */
  seed?: number;
  /**
   * Initial step size in unit-cube coordinates, where every parameter's range is [0, 1]
   * (default 1/6: mean ± 3σ spans the range from the centre).
   */
  sigma0?: number;
  /** Population size λ of the first run (default 4 + ⌊3 ln n⌋ for n driven parameters). */
  popsize?: number;
  /**
   * IPOP restarts (default true): when a run has converged or stalled (tolfun, tolx, tolxup,
   * conditioncov, noeffectcoord), start again from a uniformly drawn mean with twice the
   * population. When false, a stopped run is frozen and keeps sampling its last distribution.
   */
  restarts?: boolean;
}

/** The options `cmaesSampler` takes. */
export const cmaesOptionsSchema = z.strictObject({
  seed: seedOption,
  sigma0: option(z.number().positive(), "a finite number > 0"),
  popsize: integerOption(2, "an integer >= 2"),
  restarts: switchOption,
});

/** A completed trial as CMA-ES reads it. */
interface Entry {
  readonly number: number;
  /** The record's values and config, to tell when a cached entry is stale. */
  readonly values: number[];
  readonly config: object;
  /** Unit-cube vector of the driven parameters, or null when the trial cannot be used. */
  readonly point: Float64Array | null;
  readonly loss: number;
  readonly violation: number;
}

interface History {
  key: string;
  coordinates: CmaCoordinates;
  settings: CmaRunSettings;
  entries: Map<number, Entry>;
  log: GenerationLog<Entry, CmaRun>;
}

/**
 * CMA-ES (Hansen's tutorial, arXiv:1604.00772): the (μ/μ_W, λ)-CMA-ES with positive
 * recombination weights, in the unit cube of the space's encoding, with IPOP restarts
 * (Auger & Hansen 2005) and a margin for integers (after Hamano et al. 2022). Strong on
 * continuous and integer parameters with a budget of many times the dimension; single
 * objective only.
 *
 * - Driven parameters: floats, ints and ordinals without a `when` (log scale, steps and
 *   integer rounding come from `space.decode`). Categoricals and conditional parameters are
 *   drawn uniformly at random for every trial: CMA-ES has no model of them (prefer TPE for
 *   spaces made mostly of those).
 * - Generations: the completed trials, in number order, cut into consecutive chunks of λ;
 *   the state after each chunk is replayed from the history and cached, so resuming or
 *   another process gives the same proposals. Trial n samples candidate k = n - (last trial
 *   told) - 1 of the current generation from the stream (seed, "cmaes", generation, k), so
 *   it does not depend on worker timing. Failed and pruned trials are skipped, so their
 *   generation simply waits for more results; in parallel runs a generation may hold a few
 *   results drawn from the previous distribution, which the update tolerates (steps are
 *   shortened as for injected solutions). When a told trial is one this sampler proposed
 *   (its candidate decodes to the trial's values) the raw candidate is used, so integers are
 *   told unrounded; otherwise the trial's encoded configuration is used.
 * - Ranking: feasible before infeasible, then lower constraint violation, then lower loss.
 * - Bounds: a candidate whose continuous coordinates leave the unit cube is redrawn up to
 *   100 times, then clipped. Discrete coordinates are clipped (the end values own
 *   everything beyond them, as in CMA-ES with Margin).
 * - Integers, ordinals and stepped floats: after each update the margin keeps each
 *   neighbouring value of the mean's value at probability >= α/2 (α = 1/(nλ); α for the
 *   single neighbour of an end value) by moving the mean and stretching that coordinate
 *   (see integer-margin.ts), so CMA-ES does not get stuck on one integer.
 *
 * @example
 * const study = await createStudy({ name: "cma", storage: "memory:", space, direction: "minimize",
 *   sampler: cmaesSampler({ seed: 1 }) });
 * await study.optimize(objective, { budget: { trials: 300 } });
 */
export function cmaesSampler(options: CmaEsSamplerOptions = {}): Sampler {
  const seed = options.seed ?? 0;
  parseOptions(cmaesOptionsSchema, options, "cmaes sampler");
  let history: History | null = null;
  const spaceKeys = new WeakMap<Space, string>();

  const historyFor = (ctx: SamplerContext): History => {
    let spaceKey = spaceKeys.get(ctx.space);
    if (spaceKey === undefined) {
      spaceKey = JSON.stringify(ctx.space.toJSON());
      spaceKeys.set(ctx.space, spaceKey);
    }
    const key = `${spaceKey}|${ctx.objectives[0].direction}`;
    if (history?.key === key) return history;
    const coordinates = cmaCoordinates(ctx.space);
    const settings: CmaRunSettings = {
      seed,
      dimension: coordinates.names.length,
      sigma0: options.sigma0 ?? 1 / 6,
      popsize: options.popsize,
      restarts: options.restarts ?? true,
      discrete: coordinates.discrete,
    };
    history = { key, coordinates, settings, entries: new Map(), log: new GenerationLog(firstRun(settings)) };
    return history;
  };

  return withSimplexCoordinates({
    name: "cmaes",
    seed,
    doAsk(ctx: SamplerContext): Proposal {
      if (ctx.objectives.length !== 1) {
        throw new UnsupportedObjectivesError("cmaes", ctx.objectives.length, "use nsga2 for several");
      }
      const h = historyFor(ctx);
      // Uniform draws for every coordinate; the driven ones are overwritten below.
      const point = Float64Array.from({ length: ctx.space.size }, () => ctx.rng.random());
      if (h.settings.dimension === 0) return { config: ctx.space.decode(point) };

      const eligible = eligibleEntries(h, ctx.trials, ctx.objectives, ctx.trialNumber);
      const run = h.log.sync(eligible, (r) => r.state.parameters.lambda, (r, generation, previous) => tellEntries(h, r, generation, previous));
      const candidate = sampleCandidate(run, h.settings, ctx.trialNumber - h.log.lastNumber - 1);
      h.coordinates.spaceIndices.forEach((spaceIndex, i) => (point[spaceIndex] = candidate.point[i]));
      return { config: ctx.space.decode(point) };
    },
  }, "alr");
}

/** Completed trials numbered below `before` whose driven parameters are all set, in number order. */
function eligibleEntries(h: History, trials: readonly TrialRecord[], objectives: readonly Objective[], before: number): Entry[] {
  const out: Entry[] = [];
  for (const trial of trials) {
    if (trial.number >= before || trial.state !== "complete" || !trial.values) continue;
    let entry = h.entries.get(trial.number);
    if (!entry || entry.values !== trial.values || entry.config !== trial.config) {
      const loss = lossesOf(trial, objectives)?.[0] ?? NaN;
      const point = Number.isFinite(loss) ? encodeCoordinates(h.coordinates, trial.config) : null;
      entry = { number: trial.number, values: trial.values, config: trial.config, point, loss, violation: isFeasible(trial) ? 0 : violation(trial) };
      h.entries.set(trial.number, entry);
    }
    if (entry.point) out.push(entry);
  }
  return out;
}

/** Ranks one generation and tells it, preferring each trial's raw candidate when it is ours. */
function tellEntries(h: History, run: CmaRun, generation: readonly Entry[], previousNumber: number): CmaRun {
  const { coordinates, settings } = h;
  const ranked = [...generation].sort(
    (a, b) => Number(a.violation > 0) - Number(b.violation > 0) || a.violation - b.violation || a.loss - b.loss || a.number - b.number,
  );
  const points = ranked.map((entry) => {
    const candidate = sampleCandidate(run, settings, entry.number - previousNumber - 1);
    const config = entry.config as Record<string, unknown>;
    const ours = coordinates.names.every((name, i) => decodeValue(coordinates.params[i], candidate.point[i]) === config[name]);
    return ours ? candidate.raw : (entry.point as Float64Array);
  });
  return tellGeneration(run, settings, points, ranked.map((entry) => entry.loss));
}

