import { ValidationError, type Issue } from "../errors/index.js";
import type { Objective } from "./spec.js";

// A lone surrogate cannot be written as UTF-8; U+FFFD is what a decoder leaves of bytes that were not UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a study name: a NUL character, or text that is not valid UTF-8. */
export function studyNameIssues(name: string, path: (string | number)[]): Issue[] {
  const problem = name.includes("\u0000")
    ? "a NUL character"
    : LONE_SURROGATE.test(name)
      ? "a lone UTF-16 surrogate, which is not valid UTF-8"
      : name.includes("\uFFFD")
        ? "U+FFFD, the mark of bytes that were not valid UTF-8"
        : null;
  if (!problem) return [];
  return [{ code: "invalid_value", path, message: `expected a study name in valid UTF-8 without NUL characters, received ${JSON.stringify(name)} (it holds ${problem})` }];
}

/** Objectives named twice, each at the path of its second use. */
export function duplicateObjectiveIssues(objectives: readonly Pick<Objective, "name">[], path: (string | number)[]): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  objectives.forEach((objective, i) => {
    if (seen.has(objective.name)) {
      issues.push({ code: "duplicate", path: [...path, i, "name"], message: `objective "${objective.name}" is named twice: expected distinct objective names` });
    }
    seen.add(objective.name);
  });
  return issues;
}

/** Throws ValidationError when a new study's name or objectives cannot be stored (every storage checks this). */
export function checkStudyInput(input: { name: string; objectives?: readonly Pick<Objective, "name">[] }): void {
  const issues = [...studyNameIssues(input.name, ["name"]), ...duplicateObjectiveIssues(input.objectives ?? [], ["objectives"])];
  if (issues.length > 0) throw new ValidationError(issues);
}
