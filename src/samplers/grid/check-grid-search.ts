import { InvalidOptionsError, type Issue } from "../../errors/index.js";
import { checkValue, type Space, type Value } from "../../space/index.js";

/**
 * Checks explicit grid values against the space: every name a parameter, every list
 * non-empty, every value legal for its parameter and listed once (the schema cannot: it needs
 * the space). Throws InvalidOptionsError, with `accepted` the grid's options, naming each
 * naming each problem (path `search.<name>[<index>]`).
 */
export function checkSearch(space: Space, search: Readonly<Record<string, readonly Value[]>>, accepted: readonly string[]): void {
  const issues: Issue[] = [];
  for (const [name, values] of Object.entries(search)) {
    const path = ["search", name];
    if (!Object.hasOwn(space.params, name)) {
      issues.push({ code: "unknown_parameter", path, message: `unknown parameter "${name}": expected one of ${space.names.join(", ")}` });
      continue;
    }
    if (!Array.isArray(values) || values.length === 0) {
      const received = JSON.stringify(values);
      issues.push({ code: "invalid_value", path, message: `expected a non-empty list of values, received ${received}`, expected: "a non-empty list of values", received });
      continue;
    }
    const seen = new Set<string>();
    values.forEach((value, index) => {
      const problem = checkValue(space.params[name], value);
      const key = JSON.stringify(value);
      if (problem) {
        issues.push({ code: "invalid_value", path: [...path, index], message: `expected ${problem.expected}, received ${problem.received}`, ...problem });
      } else if (seen.has(key)) {
        issues.push({ code: "duplicate_value", path: [...path, index], message: `${key} is listed twice` });
      }
      seen.add(key);
    });
  }
  if (issues.length > 0) throw new InvalidOptionsError("grid sampler", issues, accepted);
}
