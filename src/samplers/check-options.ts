import { ValidationError, type Issue } from "../errors/index.js";

/** One sampler option and whether its value is acceptable. */
export interface OptionCheck {
  option: string;
  value: unknown;
  ok: boolean;
  /** What a good value is, e.g. "an integer >= 2". */
  expected: string;
}

/**
 * Throws one ValidationError naming every failed check, and every option of `options` that
 * is not one of `known` when given, with `<name> sampler` as its source.
 */
export function checkSamplerOptions(sampler: string, checks: readonly OptionCheck[], known?: { options: object; names: readonly string[] }): void {
  const issues: Issue[] = known ? unknownOptionIssues(known.options, known.names) : [];
  for (const { option, value, ok, expected } of checks) {
    if (ok) continue;
    const received = JSON.stringify(value) ?? String(value);
    issues.push({ code: "invalid_option", path: [option], message: `expected ${expected}, received ${received}`, expected, received });
  }
  if (issues.length > 0) throw new ValidationError(issues, `${sampler} sampler`);
}

/**
 * An issue for each key of `options` not in `known`. Typed code cannot pass one, but a study
 * config or a protocol client can, and a misspelt option silently ignored runs another study
 * than the one asked for.
 */
export function unknownOptionIssues(options: object, known: readonly string[]): Issue[] {
  const expected = `one of ${known.join(", ")}`;
  return Object.keys(options)
    .filter((option) => !known.includes(option))
    .map((option) => ({ code: "unknown_option", path: [option], message: `unknown option: expected ${expected}`, expected, received: option }));
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
