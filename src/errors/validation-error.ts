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
