import { rngFor } from "../../math/index.js";
import { defaultPopulationSize } from "./cma-parameters.js";
import { cloneCmaState, createCmaState, sampleCmaCandidate, updateCmaState, type CmaState } from "./cma-state.js";
import { applyIntegerMargin, defaultMargin, type DiscreteCoordinate } from "./integer-margin.js";
import { stopReason, tolFunWindow, type StopReason } from "./stop-criteria.js";

/**
 * CMA-ES with IPOP restarts (Auger & Hansen, CEC 2005) as immutable steps: a CmaRun is the
 * state after some generations, `tellGeneration` returns the next one. Works on vectors in
 * the unit cube; knows nothing of trials.
 */
export interface CmaRun {
  /** 0 for the first run, then 1, 2, ... after each restart. */
  restart: number;
  /** Generations told so far over all runs; names the random streams of the next candidates. */
  generation: number;
  state: CmaState;
  /** Best loss of the recent generations of the current run (for the tolfun criterion). */
  bestLosses: number[];
  /**
   * Per-coordinate stretch A of the integer margin: a discrete coordinate is evaluated at
   * m + A (x - m) (1 for continuous coordinates).
   */
  scale: Float64Array;
  /** Why the last run stopped, when restarts are off (the run is then frozen). */
  stopped: StopReason | null;
  /** Why each earlier run was restarted, in order. */
  restartReasons: StopReason[];
}

export interface CmaRunSettings {
  seed: number;
  dimension: number;
  sigma0: number;
  /** λ of the first run; run r uses popsize · 2^r. */
  popsize?: number;
  restarts: boolean;
  discrete: readonly DiscreteCoordinate[];
}

/** A candidate: `raw` is what CMA-ES is told, `point` (in the unit cube) is what gets decoded and evaluated. */
export interface CmaCandidate {
  raw: Float64Array;
  point: Float64Array;
}

/** The first run: mean at the centre of the cube, σ = σ₀, C = I. */
export function firstRun(settings: CmaRunSettings): CmaRun {
  const lambda = settings.popsize ?? defaultPopulationSize(settings.dimension);
  return {
    restart: 0,
    generation: 0,
    state: createCmaState({ mean: new Float64Array(settings.dimension).fill(0.5), sigma: settings.sigma0, lambda }),
    scale: new Float64Array(settings.dimension).fill(1),
    bestLosses: [],
    stopped: null,
    restartReasons: [],
  };
}

/**
 * Candidate k of the run's current generation; the stream depends on (seed, generation, k)
 * only. Continuous coordinates stay in the cube (redrawn, then clipped); discrete ones are
 * free in `raw`, stretched by the margin's scale and clipped in `point`, as in CMA-ES with
 * Margin, where the end values own everything beyond them.
 */
export function sampleCandidate(run: CmaRun, settings: CmaRunSettings, k: number): CmaCandidate {
  const bounded = new Uint8Array(settings.dimension).fill(1);
  for (const { index } of settings.discrete) bounded[index] = 0;
  const raw = sampleCmaCandidate(run.state, rngFor(settings.seed, "cmaes", run.generation, k), bounded);
  const point = raw.slice();
  for (const { index } of settings.discrete) {
    const m = run.state.mean[index];
    point[index] = Math.min(1, Math.max(0, m + run.scale[index] * (raw[index] - m)));
  }
  return { raw, point };
}

/**
 * Tells one generation (points ranked best first, with their losses in the same order) and
 * returns the next run state: updated distribution and integer margin, or, when a stopping
 * criterion holds, a restart with twice the population from a uniformly drawn mean (or a
 * frozen run when restarts are off). `run` is left unchanged.
 */
export function tellGeneration(run: CmaRun, settings: CmaRunSettings, ranked: readonly ArrayLike<number>[], losses: readonly number[]): CmaRun {
  const generation = run.generation + 1;
  if (run.stopped) return { ...run, generation };
  const state = cloneCmaState(run.state);
  const scale = run.scale.slice();
  updateCmaState(state, ranked);
  applyIntegerMargin(state, scale, settings.discrete, defaultMargin(settings.dimension, state.parameters.lambda));
  const window = tolFunWindow(settings.dimension, state.parameters.lambda);
  const bestLosses = [...run.bestLosses.slice(-window), Math.min(...losses)];
  const reason = stopReason({ state, sigma0: settings.sigma0, bestLosses, generationLosses: losses });
  if (!reason) return { ...run, generation, state, scale, bestLosses };
  if (!settings.restarts) return { ...run, generation, state, scale, bestLosses, stopped: reason };
  const restart = run.restart + 1;
  const rng = rngFor(settings.seed, "cmaes-restart", restart);
  const mean = Float64Array.from({ length: settings.dimension }, () => rng.random());
  const lambda = run.state.parameters.lambda * 2;
  return {
    restart,
    generation,
    state: createCmaState({ mean, sigma: settings.sigma0, lambda }),
    scale: new Float64Array(settings.dimension).fill(1),
    bestLosses: [],
    stopped: null,
    restartReasons: [...run.restartReasons, reason],
  };
}
