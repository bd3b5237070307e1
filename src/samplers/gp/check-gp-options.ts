import { checkSamplerOptions, isIntegerAtLeast } from "../check-options.js";
import { SIMPLEX_COORDINATES } from "../simplex-coordinates.js";
import type { GpSamplerOptions } from "./gp-sampler.js";

/**
 * Checks the options a GP sampler takes: `startupTrials` a non-negative integer,
 * `candidates` and `localSearches` positive integers, the switches booleans. Throws ValidationError naming each
 * bad option, and each option a GP sampler does not take.
 */
export function checkGpOptions(options: GpSamplerOptions, resolved: { startupTrials: number; candidates: number; localSearches: number }): void {
  const names: (keyof GpSamplerOptions)[] = ["seed", "startupTrials", "candidates", "localSearches", "deterministic", "conditionOnRunning", "conditionalKernel", "simplexCoordinates"];
  checkSamplerOptions("gp", [
    { option: "startupTrials", value: resolved.startupTrials, ok: isIntegerAtLeast(resolved.startupTrials, 0), expected: "a non-negative integer" },
    { option: "candidates", value: resolved.candidates, ok: isIntegerAtLeast(resolved.candidates, 1), expected: "a positive integer" },
    { option: "localSearches", value: resolved.localSearches, ok: isIntegerAtLeast(resolved.localSearches, 1), expected: "a positive integer" },
    {
      option: "simplexCoordinates",
      value: options.simplexCoordinates,
      ok: options.simplexCoordinates === undefined || SIMPLEX_COORDINATES.includes(options.simplexCoordinates),
      expected: SIMPLEX_COORDINATES.map((c) => JSON.stringify(c)).join(", "),
    },
    ...(["deterministic", "conditionOnRunning", "conditionalKernel"] as const).map((option) => ({
      option,
      value: options[option],
      ok: options[option] === undefined || typeof options[option] === "boolean",
      expected: "true or false",
    })),
  ], { options, names });
}
