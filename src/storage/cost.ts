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

/**
 * A cost with each amount rounded to 12 significant digits: sums of decimal prices carry
 * binary rounding noise (0.1 + 0.2 is 0.30000000000000004), which would otherwise be printed.
 */
export function tidyCost(cost: Readonly<Cost>): Cost {
  const tidy: Cost = {};
  for (const [name, amount] of Object.entries(cost)) tidy[name] = Number.isFinite(amount) ? Number(amount.toPrecision(12)) : amount;
  return tidy;
}
