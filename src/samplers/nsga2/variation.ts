import type { Rng } from "../../math/index.js";

/**
 * Crossover and mutation of NSGA-II on unit-cube coordinates in [0, 1]: simulated binary
 * crossover and polynomial mutation (Deb & Agrawal 1995; Deb's NSGA-II reference code,
 * bounded forms) for numbers, uniform crossover and resampling for categories.
 */

/** Distribution index of SBX: larger keeps children closer to their parents. */
export const SBX_ETA = 20;
/** Distribution index of polynomial mutation. */
export const MUTATION_ETA = 20;

/**
 * One child coordinate of simulated binary crossover between parent values `a` and `b` in
 * [0, 1]: each of the two SBX children is returned with probability 1/2. As in Deb's code,
 * the coordinate is crossed with probability 1/2 and otherwise copied from one parent.
 */
export function sbxCoordinate(a: number, b: number, rng: Rng, eta = SBX_ETA): number {
  if (rng.random() >= 0.5 || Math.abs(a - b) <= 1e-14) return rng.random() < 0.5 ? a : b;
  const y1 = Math.min(a, b);
  const y2 = Math.max(a, b);
  const u = rng.random();
  const spread = (beta: number) => {
    const alpha = 2 - beta ** -(eta + 1);
    return u <= 1 / alpha ? (u * alpha) ** (1 / (eta + 1)) : (1 / (2 - u * alpha)) ** (1 / (eta + 1));
  };
  const lowChild = 0.5 * (y1 + y2 - spread(1 + (2 * y1) / (y2 - y1)) * (y2 - y1));
  const highChild = 0.5 * (y1 + y2 + spread(1 + (2 * (1 - y2)) / (y2 - y1)) * (y2 - y1));
  const child = rng.random() < 0.5 ? lowChild : highChild;
  return Math.min(1, Math.max(0, child));
}

/** Polynomial mutation of a value in [0, 1] (bounded form: the step shrinks near the ends). */
export function polynomialMutation(y: number, rng: Rng, eta = MUTATION_ETA): number {
  const u = rng.random();
  const power = 1 / (eta + 1);
  let delta: number;
  if (u < 0.5) {
    const value = 2 * u + (1 - 2 * u) * (1 - y) ** (eta + 1);
    delta = value ** power - 1;
  } else {
    const value = 2 * (1 - u) + 2 * (u - 0.5) * y ** (eta + 1);
    delta = 1 - value ** power;
  }
  return Math.min(1, Math.max(0, y + delta));
}
