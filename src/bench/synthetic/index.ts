/** Synthetic benchmark functions with known optima, for comparing samplers (never real LLM results). */
import { KnobsError } from "../../errors/index.js";
import { ackley10 } from "./ackley.js";
import { branin } from "./branin.js";
import { conditional } from "./conditional.js";
import { hartmann6 } from "./hartmann6.js";
import { levy10 } from "./levy.js";
import { mixed5 } from "./mixed.js";
import { rosenbrock10 } from "./rosenbrock.js";
import type { SyntheticFunction } from "./spec.js";

export type { SyntheticFunction } from "./spec.js";
export { ackley10, branin, conditional, hartmann6, levy10, mixed5, rosenbrock10 };

/** Every synthetic function, in the order reports list them. */
export const syntheticFunctions: readonly SyntheticFunction[] = [branin, hartmann6, rosenbrock10, ackley10, levy10, mixed5, conditional];

/**
 * The synthetic function with this id; throws a KnobsError naming the known ids otherwise.
 *
 * @example
 * const f = getSyntheticFunction("branin");
 * f.evaluate(f.optimumConfig!); // 0.397887...
 */
export function getSyntheticFunction(id: string): SyntheticFunction {
  const found = syntheticFunctions.find((f) => f.id === id);
  if (!found) {
    const known = syntheticFunctions.map((f) => f.id).join(", ");
    throw new KnobsError("unknown_synthetic_function", `unknown synthetic function "${id}": expected one of ${known}`);
  }
  return found;
}
export { hartmann6Mf, hartmann6MfMisleading, type SyntheticMfProblem } from "./synthetic-mf.js";
