import { checkSamplerOptions, isIntegerAtLeast } from "../check-options.js";

/**
 * Checks the counts a GP sampler takes: `startupTrials` a non-negative integer,
 * `candidates` and `localSearches` positive integers. Throws ValidationError naming each
 * bad option.
 */
export function checkGpOptions(options: { startupTrials: number; candidates: number; localSearches: number }): void {
  checkSamplerOptions("gp", [
    { option: "startupTrials", value: options.startupTrials, ok: isIntegerAtLeast(options.startupTrials, 0), expected: "a non-negative integer" },
    { option: "candidates", value: options.candidates, ok: isIntegerAtLeast(options.candidates, 1), expected: "a positive integer" },
    { option: "localSearches", value: options.localSearches, ok: isIntegerAtLeast(options.localSearches, 1), expected: "a positive integer" },
  ]);
}
