import type { GaussianProcess } from "./gaussian-process.js";
import { logExpectedImprovement, logExpectedImprovementWithGradient, type LogEIGradient } from "./log-ei.js";
import type { LogEhvi } from "./log-ehvi.js";
import { logNormalCdf, logNormalPdf } from "./normal.js";

/** A constraint's model: the constraint holds where the latent function is <= threshold. */
export interface ConstraintModel {
  gp: GaussianProcess;
  threshold: number;
}

/** An acquisition function over feature vectors; larger is better. */
export interface Acquisition {
  value(x: Float64Array): number;
  /** The value, with d value / d xᶜ written into `gradient` (0 on categorical dimensions). */
  valueAndGradient(x: Float64Array, gradient: Float64Array): number;
  /** Values of `count` rows of `points` (faster than one by one). */
  values(points: Float64Array, count: number, out: Float64Array): void;
}

export interface AcquisitionOptions {
  /** Model of the objective, larger is better. */
  objective: GaussianProcess;
  /** Value to improve on; null when no observation is feasible (then only feasibility counts). */
  best: number | null;
  constraints?: readonly ConstraintModel[];
}

export interface MultiObjectiveAcquisitionOptions {
  /** Models of the objectives, each larger is better. */
  objectives: readonly GaussianProcess[];
  /**
   * Log EHVI over the region the front does not dominate, in losses (the objectives'
   * gains negated); null when no observation is feasible (then only feasibility counts).
   */
  ehvi: LogEhvi | null;
  constraints?: readonly ConstraintModel[];
}

/**
 * log EI of the objective plus Σ log P(constraintⱼ holds) (constrained EI, Gardner et al.
 * 2014, in log form). Without a feasible observation, the log probability of feasibility
 * alone.
 */
export function createAcquisition(options: AcquisitionOptions): Acquisition {
  const { objective, best } = options;
  const d = objective.data.d;
  const meanGradient = new Float64Array(d);
  const varianceGradient = new Float64Array(d);
  const partials: LogEIGradient = { mean: 0, stddev: 0 };
  let buffers: { means: Float64Array; variances: Float64Array } | null = null;
  const logEi: Acquisition | null =
    best === null
      ? null
      : {
          value(x) {
            const { mean, variance } = objective.predict(x);
            return logExpectedImprovement(mean, Math.sqrt(variance), best);
          },
          valueAndGradient(x, gradient) {
            const { mean, variance } = objective.predictWithGradient(x, meanGradient, varianceGradient);
            const stddev = Math.sqrt(variance);
            const value = logExpectedImprovementWithGradient(mean, stddev, best, partials);
            const perVariance = partials.stddev / (2 * stddev);
            for (let c = 0; c < d; c++) gradient[c] += partials.mean * meanGradient[c] + perVariance * varianceGradient[c];
            return value;
          },
          values(points, count, out) {
            if (!buffers || buffers.means.length < count) buffers = { means: new Float64Array(count), variances: new Float64Array(count) };
            const { means, variances } = buffers;
            objective.predictBatch(points, count, means, variances);
            for (let i = 0; i < count; i++) out[i] += logExpectedImprovement(means[i], Math.sqrt(variances[i]), best);
          },
        };
  return withConstraints(logEi, options.constraints ?? [], d);
}

/**
 * log EHVI of several objectives (each with its own GP, taken as independent) plus
 * Σ log P(constraintⱼ holds); without a feasible observation, the log probability of
 * feasibility alone.
 */
export function createMultiObjectiveAcquisition(options: MultiObjectiveAcquisitionOptions): Acquisition {
  const { objectives, ehvi } = options;
  const m = objectives.length;
  const d = objectives[0].data.d;
  const lossMeans = new Float64Array(m);
  const stddevs = new Float64Array(m);
  const dMeans = new Float64Array(m);
  const dStddevs = new Float64Array(m);
  const meanGradients = objectives.map(() => new Float64Array(d));
  const varianceGradients = objectives.map(() => new Float64Array(d));
  let buffers: { means: Float64Array[]; variances: Float64Array[] } | null = null;
  const logEhvi: Acquisition | null =
    ehvi === null
      ? null
      : {
          value(x) {
            objectives.forEach((gp, j) => {
              const { mean, variance } = gp.predict(x);
              lossMeans[j] = -mean;
              stddevs[j] = Math.sqrt(variance);
            });
            return ehvi.value(lossMeans, stddevs);
          },
          valueAndGradient(x, gradient) {
            objectives.forEach((gp, j) => {
              const { mean, variance } = gp.predictWithGradient(x, meanGradients[j], varianceGradients[j]);
              lossMeans[j] = -mean;
              stddevs[j] = Math.sqrt(variance);
            });
            const value = ehvi.valueWithGradient(lossMeans, stddevs, dMeans, dStddevs);
            for (let j = 0; j < m; j++) {
              // The loss mean is minus the gain's; dσ = dvar / 2σ.
              const perMean = -dMeans[j];
              const perVariance = dStddevs[j] / (2 * stddevs[j]);
              for (let c = 0; c < d; c++) gradient[c] += perMean * meanGradients[j][c] + perVariance * varianceGradients[j][c];
            }
            return value;
          },
          values(points, count, out) {
            if (!buffers || buffers.means[0].length < count) {
              buffers = { means: objectives.map(() => new Float64Array(count)), variances: objectives.map(() => new Float64Array(count)) };
            }
            const { means, variances } = buffers;
            objectives.forEach((gp, j) => gp.predictBatch(points, count, means[j], variances[j]));
            for (let i = 0; i < count; i++) {
              for (let j = 0; j < m; j++) {
                lossMeans[j] = -means[j][i];
                stddevs[j] = Math.sqrt(variances[j][i]);
              }
              out[i] += ehvi.value(lossMeans, stddevs);
            }
          },
        };
  return withConstraints(logEhvi, options.constraints ?? [], d);
}

/**
 * The objective's acquisition (or 0 when null) plus Σ log P(constraintⱼ holds), each
 * constraint a GP whose latent value must stay at or below its threshold.
 */
function withConstraints(objective: Acquisition | null, constraints: readonly ConstraintModel[], d: number): Acquisition {
  const meanGradient = new Float64Array(d);
  const varianceGradient = new Float64Array(d);
  let buffers: { means: Float64Array; variances: Float64Array } | null = null;
  return {
    value(x) {
      let total = objective ? objective.value(x) : 0;
      for (const { gp, threshold } of constraints) {
        const { mean, variance } = gp.predict(x);
        total += logNormalCdf((threshold - mean) / Math.sqrt(variance));
      }
      return total;
    },

    valueAndGradient(x, gradient) {
      gradient.fill(0);
      let total = objective ? objective.valueAndGradient(x, gradient) : 0;
      for (const { gp, threshold } of constraints) {
        const { mean, variance } = gp.predictWithGradient(x, meanGradient, varianceGradient);
        const stddev = Math.sqrt(variance);
        const w = (threshold - mean) / stddev;
        const logCdf = logNormalCdf(w);
        total += logCdf;
        // d log Φ(w) = φ(w)/Φ(w) dw, dw = -dμ/σ - w dσ/σ, dσ = dvar / 2σ.
        const inverseMills = Math.exp(logNormalPdf(w) - logCdf);
        const perMean = -inverseMills / stddev;
        const perVariance = (-inverseMills * w) / (2 * variance);
        for (let c = 0; c < d; c++) gradient[c] += perMean * meanGradient[c] + perVariance * varianceGradient[c];
      }
      return total;
    },

    values(points, count, out) {
      out.fill(0, 0, count);
      objective?.values(points, count, out);
      if (constraints.length === 0) return;
      if (!buffers || buffers.means.length < count) buffers = { means: new Float64Array(count), variances: new Float64Array(count) };
      const { means, variances } = buffers;
      for (const { gp, threshold } of constraints) {
        gp.predictBatch(points, count, means, variances);
        for (let i = 0; i < count; i++) out[i] += logNormalCdf((threshold - means[i]) / Math.sqrt(variances[i]));
      }
    },
  };
}
