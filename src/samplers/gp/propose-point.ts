import type { Rng } from "../../math/rng.js";
import { createAcquisition, type ConstraintModel } from "./acquisition.js";
import { GaussianProcess, type GpData } from "./gaussian-process.js";
import type { KernelParams } from "./kernel.js";
import { optimizeAcquisition } from "./optimize-acquisition.js";
import type { SearchBox } from "./search-box.js";
import type { TrainingData } from "./training-data.js";

export interface ProposePointOptions {
  training: TrainingData;
  box: SearchBox;
  rng: Rng;
  /** Fits kernel parameters to data (the sampler passes a memoized fitKernelParams). */
  fit: (data: GpData, role: string, deterministic: boolean) => KernelParams;
  /** Fix the objective's noise at the floor (default false). */
  deterministic?: boolean;
  /** Candidates scored before the local search (default 1024). */
  candidates?: number;
  /** Local searches (default 10). */
  localSearches?: number;
}

/**
 * One step of Bayesian optimization in the unit cube: fits a GP to the objective (and
 * one to each constraint), and returns the point of largest log expected improvement
 * times probability of feasibility. The incumbent is the largest posterior mean at a
 * feasible observed point, which discounts a lucky noisy observation.
 */
export function proposePoint(options: ProposePointOptions): Float64Array {
  const { training, box, rng, fit } = options;
  const data = training.objective;
  const objective = new GaussianProcess(data, fit(data, "objective", options.deterministic ?? false));

  const means = objective.trainingMeans();
  let bestRow = -1;
  for (let i = 0; i < data.n; i++) {
    if (training.feasible[i] && (bestRow < 0 || means[i] > means[bestRow])) bestRow = i;
  }
  const constraints: ConstraintModel[] = [];
  training.constraints.forEach((constraint, j) => {
    if (constraint.data.n === 0) return;
    const gp = new GaussianProcess(constraint.data, fit(constraint.data, `constraint ${j}`, false));
    constraints.push({ gp, threshold: constraint.threshold });
  });

  const acquisition = createAcquisition({ objective, best: bestRow < 0 ? null : means[bestRow], constraints });
  const lengthscales = objective.params.inverseSquaredLengthscales.map((rho) => 1 / Math.sqrt(rho));
  const starts = bestRow < 0 ? [] : [data.x.slice(bestRow * data.d, (bestRow + 1) * data.d)];
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
