import { ValidationError, type Issue } from "../../errors/index.js";

/**
 * Checks the counts a GP sampler takes: `startupTrials` a non-negative integer,
 * `candidates` and `localSearches` positive integers. Throws ValidationError naming each
 * bad option.
 */
export function checkGpOptions(options: { startupTrials: number; candidates: number; localSearches: number }): void {
  const issues: Issue[] = [];
  const check = (option: string, value: number, minimum: number) => {
    if (Number.isInteger(value) && value >= minimum) return;
    const expected = minimum === 0 ? "a non-negative integer" : "a positive integer";
    const received = JSON.stringify(value);
    issues.push({ code: "invalid_option", path: [option], message: `expected ${expected}, received ${received}`, expected, received });
  };
  check("startupTrials", options.startupTrials, 0);
  check("candidates", options.candidates, 1);
  check("localSearches", options.localSearches, 1);
  if (issues.length > 0) throw new ValidationError(issues, "gp sampler");
}
