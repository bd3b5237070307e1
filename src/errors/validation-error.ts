import { KnobsError } from "./knobs-error.js";

/** One problem found while checking an input: where it is and what was expected. */
export interface Issue {
  code: string;
  /** Path inside the input, e.g. ["space", "alpha", "when", "retriever"]. */
  path: (string | number)[];
  message: string;
  expected?: string;
  received?: string;
}

export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return "(root)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** Words one issue as `file: path: message`, the single place issue wording is decided. */
export function formatIssue(issue: Issue, source?: string): string {
  const where = source ? `${source}: ${formatPath(issue.path)}` : formatPath(issue.path);
  return `${where}: ${issue.message}`;
}

/** An input (space, config file, trial values) failed validation; `issues` holds every problem. */
export class ValidationError extends KnobsError {
  readonly issues: Issue[];
  readonly source: string | undefined;

  constructor(issues: Issue[], source?: string) {
    super("invalid_input", issues.map((issue) => formatIssue(issue, source)).join("\n"));
    this.issues = issues;
    this.source = source;
  }
}

/** A schema library's issue (zod's shape), as far as knobs reads it. */
export interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  /** The keys of an `unrecognized_keys` issue. */
  keys?: readonly string[];
}

/**
 * Issues of a schema check (e.g. zod's `error.issues`) as knobs Issues: symbol path keys are
 * written as strings, and unknown keys are worded `unknown key "x"` as the space checker does.
 */
export function issuesFromSchema(issues: readonly SchemaIssue[]): Issue[] {
  return issues.map((issue) => ({
    code: issue.code,
    path: issue.path.map((p) => (typeof p === "number" ? p : String(p))),
    message:
      issue.code === "unrecognized_keys" && issue.keys ? `unknown key ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}` : issue.message,
  }));
}
