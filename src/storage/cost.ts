import type { Cost } from "./spec.js";

/** Adds `cost` (times `sign`) into `total`, name by name, and returns `total`. */
export function addCost(total: Cost, cost: Readonly<Cost>, sign: 1 | -1 = 1): Cost {
  for (const [name, amount] of Object.entries(cost)) total[name] = (total[name] ?? 0) + sign * amount;
  return total;
}

/** The sum of two costs, as a new record. */
export function sumCosts(a: Readonly<Cost>, b: Readonly<Cost>): Cost {
  return addCost({ ...a }, b);
}
