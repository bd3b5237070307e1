import type { Rng } from "../../math/index.js";
import { createAcquisition, createMultiObjectiveAcquisition, type Acquisition, type ConstraintModel } from "./acquisition.js";
import { believe } from "./believer.js";
import { GaussianProcess, type GpData } from "./gaussian-process.js";
import { hypervolumeFront } from "./hypervolume-front.js";
import type { KernelParams } from "./kernel.js";
import { LogEhvi } from "./log-ehvi.js";
import { optimizeAcquisition } from "./optimize-acquisition.js";
import type { SearchBox } from "./search-box.js";
import type { TrainingData } from "./training-data.js";

export interface ProposePointOptions {
  training: TrainingData;
  box: SearchBox;
  rng: Rng;
  /** Fits kernel parameters to data (the sampler passes a memoized fitKernelParams). */
  fit: (data: GpData, role: string, deterministic: boolean) => KernelParams;
  /** Fix the objectives' noise at the floor (default false). */
  deterministic?: boolean;
  /** Candidates scored before the local search (default 1024). */
  candidates?: number;
  /** Local searches (default 10). */
  localSearches?: number;
}

/** Front points that also start a local search, besides the best candidates. */
const FRONT_STARTS = 3;

/**
 * One step of Bayesian optimization in the unit cube: fits a GP to each objective (and one
 * to each constraint) on the complete trials, conditions them on the pending points (the
 * Kriging believer), and returns the point of largest log expected improvement (one
 * objective) or log expected hypervolume improvement (several), plus the log probability
 * of feasibility. The incumbent, or the front, is made of posterior means at feasible
 * points, which discounts a lucky noisy observation; a pending point counts at its believed
 * mean, and as feasible when every constraint's believed mean holds.
 */
export function proposePoint(options: ProposePointOptions): Float64Array {
  const { training, box, rng, fit } = options;
  const deterministic = options.deterministic ?? false;
  const { pending } = training;
  const objectives = training.objectives.map((data, j) => believe(new GaussianProcess(data, fit(data, roleOf(j), deterministic)), pending));
  const constraints: ConstraintModel[] = [];
  training.constraints.forEach((constraint, j) => {
    if (constraint.data.n === 0) return;
    const gp = believe(new GaussianProcess(constraint.data, fit(constraint.data, `constraint ${j}`, false)), pending);
    constraints.push({ gp, threshold: constraint.threshold });
  });
  const feasible = withPendingFeasibility(training.feasible, constraints, pending);
  const data = objectives[0].data;
  const rowOf = (i: number) => data.x.slice(i * data.d, (i + 1) * data.d);

  let acquisition: Acquisition;
  let starts: Float64Array[];
  let lengthscales: Float64Array;
  if (objectives.length === 1) {
    const objective = objectives[0];
    const means = objective.trainingMeans();
    let bestRow = -1;
    for (let i = 0; i < data.n; i++) {
      if (feasible[i] && (bestRow < 0 || means[i] > means[bestRow])) bestRow = i;
    }
    acquisition = createAcquisition({ objective, best: bestRow < 0 ? null : means[bestRow], constraints });
    lengthscales = objective.params.inverseSquaredLengthscales.map((rho) => 1 / Math.sqrt(rho));
    starts = bestRow < 0 ? [] : [rowOf(bestRow)];
  } else {
    const means = objectives.map((gp) => gp.trainingMeans());
    const losses = Array.from({ length: data.n }, (_, i) => Float64Array.from(means, (mean) => -mean[i]));
    const front = hypervolumeFront(losses, feasible);
    acquisition = createMultiObjectiveAcquisition({ objectives, ehvi: front ? new LogEhvi(front.boxes) : null, constraints });
    // As Optuna: the objectives count alike, so their inverse squared lengthscales are averaged.
    lengthscales = Float64Array.from({ length: data.d }, (_, c) => {
      const rho = objectives.reduce((sum, gp) => sum + gp.params.inverseSquaredLengthscales[c], 0) / objectives.length;
      return 1 / Math.sqrt(rho);
    });
    starts = (front?.rows ?? []).slice(0, FRONT_STARTS).map(rowOf);
  }
  const { point } = optimizeAcquisition({
    acquisition,
    box,
    rng,
    candidates: options.candidates,
    localSearches: options.localSearches,
    starts,
    lengthscales,
  });
  return point;
}

/** The fit memo's role of objective j (the first keeps the single-objective name). */
function roleOf(j: number): string {
  return j === 0 ? "objective" : `objective ${j}`;
}

/**
 * Feasibility of every row of the believed GPs: the complete rows' flags, then one per
 * pending point, feasible when each constraint's believed mean is within its threshold.
 */
function withPendingFeasibility(complete: Uint8Array, constraints: readonly ConstraintModel[], pending: { x: Float64Array; n: number }): Uint8Array {
  if (pending.n === 0) return complete;
  const feasible = new Uint8Array(complete.length + pending.n);
  feasible.set(complete);
  feasible.fill(1, complete.length);
  const means = new Float64Array(pending.n);
  const variances = new Float64Array(pending.n);
  for (const { gp, threshold } of constraints) {
    gp.predictBatch(pending.x, pending.n, means, variances);
    for (let k = 0; k < pending.n; k++) if (means[k] > threshold) feasible[complete.length + k] = 0;
  }
  return feasible;
}
