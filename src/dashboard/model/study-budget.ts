import { parseBudget, STORED_CONFIG_KEY, type ParsedBudget } from "../../study/index.js";
import type { StudyRecord } from "../../storage/index.js";

/**
 * The study's budget, when one is known: a `budget` user attribute, or the budget of the
 * config `knobs optimize` stored with the study. Null when neither is there or it cannot be read.
 */
export function studyBudget(study: StudyRecord): ParsedBudget | null {
  const stored = study.userAttrs[STORED_CONFIG_KEY] as { config?: { budget?: unknown } } | undefined;
  const budget = study.userAttrs.budget ?? stored?.config?.budget;
  if (typeof budget !== "object" || budget === null) return null;
  try {
    return parseBudget(budget as Record<string, number | string>);
  } catch {
    return null;
  }
}
