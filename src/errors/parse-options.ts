import type { z } from "zod";
import { InvalidOptionsError } from "./invalid-options-error.js";
import { didYouMean } from "./nearest-name.js";
import type { Issue } from "./validation-error.js";

/** A strict zod object schema of options: one field per option. */
export type OptionsSchema = z.ZodObject<z.ZodRawShape, z.core.$strict>;

/**
 * Checks `options` against a strict options schema and returns the parsed options; throws one
 * InvalidOptionsError naming every problem, with `where` (e.g. "tpe sampler") as its source.
 *
 * Wording, decided here for every optimizer, pruner and agent: an option the schema does not
 * hold is `unknown option: expected one of <options>` plus a "did you mean" hint; a bad value
 * of an option whose schema carries a description (`.describe("a positive integer")`) is
 * `expected <description>, received <value>`; other problems keep zod's message.
 */
export function parseOptions<S extends OptionsSchema>(schema: S, options: unknown, where: string): z.output<S> {
  const given = options ?? {};
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data;
  const accepted = Object.keys(schema.shape);
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) issues.push(unknownOptionIssue(key, accepted));
      continue;
    }
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    const description = typeof path[0] === "string" && Object.hasOwn(schema.shape, path[0]) ? (schema.shape[path[0]] as z.ZodType).description : undefined;
    if (description === undefined) {
      issues.push({ code: issue.code, path, message: issue.message });
      continue;
    }
    // One issue per described option: `z.number().int().min(1)` may fail twice on one value.
    const key = JSON.stringify(path);
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(optionIssue(path, description, valueAt(given, path)));
  }
  // Unknown options first, as a misspelling usually explains the rest.
  issues.sort((a, b) => Number(b.code === "unknown_option") - Number(a.code === "unknown_option"));
  throw new InvalidOptionsError(where, issues, accepted);
}

/** The issue of an option not in `accepted`: `unknown option: expected one of ...`, with a hint. */
export function unknownOptionIssue(option: string, accepted: readonly string[]): Issue {
  const expected = `one of ${accepted.join(", ")}`;
  return { code: "unknown_option", path: [option], message: `unknown option: expected ${expected}${didYouMean(option, accepted)}`, expected, received: option };
}

/** The issue of a bad option value: `expected <expected>, received <value>`. */
export function optionIssue(path: string | (string | number)[], expected: string, value: unknown): Issue {
  const received = receivedText(value);
  return { code: "invalid_option", path: typeof path === "string" ? [path] : path, message: `expected ${expected}, received ${received}`, expected, received };
}

/** How a received value is shown: JSON, or "a function". */
function receivedText(value: unknown): string {
  if (typeof value === "function") return "a function";
  return JSON.stringify(value) ?? String(value);
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let value = root;
  for (const key of path) value = value !== null && typeof value === "object" ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}
