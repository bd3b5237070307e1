import { cdfOverPdfLowerTail, erfc, logNormalPdf, normalPdf } from "./normal.js";

/**
 * Log expected improvement, computed without underflow (Ament et al., "Unexpected
 * Improvements to Expected Improvement for Bayesian Optimization", NeurIPS 2023).
 *
 * EI(x) = σ h(z) with z = (μ - best) / σ and h(z) = φ(z) + z Φ(z), for maximization.
 * For z <= -1, h(z) = φ(z) (1 - |z| Φ(z)/φ(z)), where the Mills ratio comes from erfcx;
 * beyond |z| = 1000 an asymptotic series replaces it.
 */

/** Past this |z| the lower tail uses the asymptotic series (its error is below 1e-16 there). */
const ASYMPTOTIC = 1000;

/** Partial derivatives written by logExpectedImprovementWithGradient. */
export interface LogEIGradient {
  /** d logEI / d mean. */
  mean: number;
  /** d logEI / d stddev. */
  stddev: number;
}

/** log h(z), the log expected improvement of a standard normal over -z. */
export function logH(z: number): number {
  if (z > -1) {
    const cdf = 0.5 * erfc(-z * Math.SQRT1_2);
    return Math.log(normalPdf(z) + z * cdf);
  }
  if (z < -ASYMPTOTIC) {
    const w = 1 / (z * z);
    return logNormalPdf(z) + Math.log(w) + Math.log1p(w * (-3 + w * (15 - 105 * w)));
  }
  return logNormalPdf(z) + Math.log1p(z * cdfOverPdfLowerTail(z));
}

/** log EI of a normal posterior N(mean, stddev²) over `best` (larger is better). */
export function logExpectedImprovement(mean: number, stddev: number, best: number): number {
  return Math.log(stddev) + logH((mean - best) / stddev);
}

/** Like logExpectedImprovement, and writes the partial derivatives into `gradient`. */
export function logExpectedImprovementWithGradient(
  mean: number,
  stddev: number,
  best: number,
  gradient: LogEIGradient,
): number {
  const z = (mean - best) / stddev;
  // g = d log h / dz = Φ(z) / h(z); q = φ(z) / h(z) = 1 - z g.
  let g: number;
  let q: number;
  if (z > -1) {
    const cdf = 0.5 * erfc(-z * Math.SQRT1_2);
    const pdf = normalPdf(z);
    const h = pdf + z * cdf;
    g = cdf / h;
    q = pdf / h;
  } else if (z < -ASYMPTOTIC) {
    const w = 1 / (z * z);
    g = -z * (1 - w + 3 * w * w) / (1 - 3 * w + 15 * w * w);
    q = 1 / (w * (1 - 3 * w + 15 * w * w));
  } else {
    const ratio = cdfOverPdfLowerTail(z);
    const rest = 1 + z * ratio;
    g = ratio / rest;
    q = 1 / rest;
  }
  gradient.mean = g / stddev;
  gradient.stddev = q / stddev;
  return Math.log(stddev) + logH(z);
}
