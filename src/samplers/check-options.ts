import { ValidationError, type Issue } from "../errors/index.js";

/** One sampler option and whether its value is acceptable. */
export interface OptionCheck {
  option: string;
  value: unknown;
  ok: boolean;
  /** What a good value is, e.g. "an integer >= 2". */
  expected: string;
}

/** Throws one ValidationError naming every failed check, with `<name> sampler` as its source. */
export function checkSamplerOptions(sampler: string, checks: readonly OptionCheck[]): void {
  const issues: Issue[] = checks
    .filter((check) => !check.ok)
    .map(({ option, value, expected }) => {
      const received = JSON.stringify(value) ?? String(value);
      return { code: "invalid_option", path: [option], message: `expected ${expected}, received ${received}`, expected, received };
    });
  if (issues.length > 0) throw new ValidationError(issues, `${sampler} sampler`);
}

/** An integer >= min. */
export function isIntegerAtLeast(value: unknown, min: number): boolean {
  return Number.isInteger(value) && (value as number) >= min;
}

/** A finite number > 0. */
export function isPositiveNumber(value: unknown): boolean {
  return typeof value === "number" && value > 0 && Number.isFinite(value);
}

/** A number from 0 to 1. */
export function isProbability(value: unknown): boolean {
  return typeof value === "number" && value >= 0 && value <= 1;
}
