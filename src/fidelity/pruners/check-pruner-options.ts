import { ValidationError, type Issue } from "../../errors/index.js";

/** One option check: the option, its value, whether it is acceptable, and what is expected. */
export interface PrunerOptionCheck {
  option: string;
  value: unknown;
  ok: boolean;
  expected: string;
}

/** Throws one ValidationError naming every failed check, with `<name> pruner` as its source. */
export function checkPrunerOptions(name: string, checks: readonly PrunerOptionCheck[]): void {
  const issues: Issue[] = checks
    .filter((check) => !check.ok)
    .map(({ option, value, expected }) => {
      const received = JSON.stringify(value) ?? String(value);
      return { code: "invalid_option", path: [option], message: `expected ${expected}, received ${received}`, expected, received };
    });
  if (issues.length > 0) throw new ValidationError(issues, `${name} pruner`);
}

/** An integer >= min. */
export function isIntegerAtLeast(value: unknown, min: number): boolean {
  return Number.isInteger(value) && (value as number) >= min;
}
