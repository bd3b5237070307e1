import { closure, sampleDirichlet, sampleSymmetricDirichlet, type Rng } from "../math/index.js";
import type { SimplexParam, Value, Weights } from "./spec.js";

/**
 * How a simplex parameter's weights relate to the plain simplex: a weight is
 * `floor + (1 - k * floor) * x` for a composition x (parts >= 0 summing to 1), so samplers
 * and distances work on x and the floor is added back on the way out.
 */

/** How far the weights of a simplex value may sum from 1. */
export const SIMPLEX_SUM_TOLERANCE = 1e-6;

/** The prior's Dirichlet concentration (default 1: uniform on the simplex). */
export function concentrationOf(param: SimplexParam): number {
  return param.concentration ?? 1;
}

/** The weights of a composition `x` (in component order), with the floor added back. */
export function weightsFromComposition(param: SimplexParam, x: readonly number[]): Weights {
  const floor = param.floor ?? 0;
  const scale = 1 - param.components.length * floor;
  const parts = closure(x.map((v) => (Number.isFinite(v) && v > 0 ? v : 0)));
  const out: Record<string, number> = {};
  param.components.forEach((component, i) => (out[component] = floor + scale * parts[i]));
  return out;
}

/** The composition of a simplex value (floor taken off, parts clipped at 0 and closed), in component order. */
export function compositionOf(param: SimplexParam, value: Value): number[] {
  const floor = param.floor ?? 0;
  const weights = isWeights(value) ? value : {};
  return closure(param.components.map((component) => Math.max(0, (weights[component] ?? 0) - floor)));
}

/** A draw from the prior: the symmetric Dirichlet of the parameter's concentration. */
export function sampleWeights(param: SimplexParam, rng: Rng): Weights {
  return weightsFromComposition(param, sampleSymmetricDirichlet(rng, param.components.length, concentrationOf(param)));
}

/**
 * A mixture near `value` (a Dirichlet mutation): drawn from Dirichlet(x / scale^2 + c / k) for
 * the composition x of `value`, prior concentration c and k components, so each weight moves by
 * about `scale` * sqrt(x (1 - x)) and a zero weight can come back.
 */
export function nearWeights(param: SimplexParam, value: Value, rng: Rng, scale: number): Weights {
  const x = compositionOf(param, value);
  const precision = 1 / (scale * scale);
  const base = concentrationOf(param) / x.length;
  return weightsFromComposition(param, sampleDirichlet(rng, x.map((v) => precision * v + base)));
}

/** The centre of the simplex: every component the same weight. */
export function evenWeights(param: SimplexParam): Weights {
  return weightsFromComposition(param, param.components.map(() => 1));
}

/** Why `value` is not a legal value of the simplex `param` (naming the component at fault), or null. */
export function checkWeights(param: SimplexParam, value: Value): { expected: string; received: string; component?: string } | null {
  const list = param.components.join(", ");
  if (!isWeights(value)) return { expected: `an object of weights {${list}} summing to 1`, received: JSON.stringify(value) };
  for (const key of Object.keys(value)) {
    if (!param.components.includes(key)) return { expected: `a component of ${list}`, received: JSON.stringify(key), component: key };
  }
  const floor = param.floor ?? 0;
  let total = 0;
  for (const component of param.components) {
    const weight = value[component];
    if (weight === undefined) return { expected: `a weight for component "${component}"`, received: "nothing", component };
    if (typeof weight !== "number" || !Number.isFinite(weight)) return { expected: "a weight (a finite number)", received: JSON.stringify(weight), component };
    if (weight < -SIMPLEX_SUM_TOLERANCE) return { expected: "a weight >= 0", received: String(weight), component };
    if (weight < floor - SIMPLEX_SUM_TOLERANCE) return { expected: `a weight >= the floor ${floor}`, received: String(weight), component };
    total += weight;
  }
  if (Math.abs(total - 1) > SIMPLEX_SUM_TOLERANCE) {
    return { expected: `weights summing to 1 (within ${SIMPLEX_SUM_TOLERANCE})`, received: `weights summing to ${Number(total.toPrecision(12))}` };
  }
  return null;
}

/** True for an object of weights (not null, not an array). */
export function isWeights(value: unknown): value is Weights {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
