import type { GaussianProcess } from "./gaussian-process.js";
import { logExpectedImprovement, logExpectedImprovementWithGradient, type LogEIGradient } from "./log-ei.js";
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

/**
 * log EI of the objective plus Σ log P(constraintⱼ holds) (constrained EI, Gardner et al.
 * 2014, in log form). Without a feasible observation, the log probability of feasibility
 * alone.
 */
export function createAcquisition(options: AcquisitionOptions): Acquisition {
  const { objective, best } = options;
  const constraints = options.constraints ?? [];
  const d = objective.data.d;
  const meanGradient = new Float64Array(d);
  const varianceGradient = new Float64Array(d);
  const partials: LogEIGradient = { mean: 0, stddev: 0 };
  let buffers: { means: Float64Array; variances: Float64Array } | null = null;

  return {
    value(x) {
      let total = 0;
      if (best !== null) {
        const { mean, variance } = objective.predict(x);
        total += logExpectedImprovement(mean, Math.sqrt(variance), best);
      }
      for (const { gp, threshold } of constraints) {
        const { mean, variance } = gp.predict(x);
        total += logNormalCdf((threshold - mean) / Math.sqrt(variance));
      }
      return total;
    },

    valueAndGradient(x, gradient) {
      gradient.fill(0);
      let total = 0;
      if (best !== null) {
        const { mean, variance } = objective.predictWithGradient(x, meanGradient, varianceGradient);
        const stddev = Math.sqrt(variance);
        total += logExpectedImprovementWithGradient(mean, stddev, best, partials);
        const perVariance = partials.stddev / (2 * stddev);
        for (let c = 0; c < d; c++) gradient[c] += partials.mean * meanGradient[c] + perVariance * varianceGradient[c];
      }
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
      if (!buffers || buffers.means.length < count) {
        buffers = { means: new Float64Array(count), variances: new Float64Array(count) };
      }
      const { means, variances } = buffers;
      out.fill(0, 0, count);
      if (best !== null) {
        objective.predictBatch(points, count, means, variances);
        for (let i = 0; i < count; i++) out[i] += logExpectedImprovement(means[i], Math.sqrt(variances[i]), best);
      }
      for (const { gp, threshold } of constraints) {
        gp.predictBatch(points, count, means, variances);
        for (let i = 0; i < count; i++) out[i] += logNormalCdf((threshold - means[i]) / Math.sqrt(variances[i]));
      }
    },
  };
}
