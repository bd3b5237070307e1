import { Space, type Param } from "../../space/index.js";
import { perSnapshot } from "./per-snapshot.js";
import type { StudySnapshot } from "./study-snapshot.js";

/**
 * Every parameter the study's trials use, with its declaration: the declared space in its
 * order, then parameters suggested define-by-run in the order they first appear.
 */
export const studyParams = perSnapshot((snapshot: StudySnapshot): Record<string, Param> => {
  const params: Record<string, Param> = {};
  if (snapshot.study.space) {
    const space = Space.parse(snapshot.study.space);
    for (const name of space.names) params[name] = space.params[name];
  }
  for (const trial of snapshot.trials) {
    for (const [name, param] of Object.entries(trial.params)) if (!(name in params)) params[name] = param;
  }
  return params;
});

/**
 * The cost names the trials report (and, unless `trialsOnly`, the optimizer's own spend),
 * `usd` first, then by name.
 */
export function costNames(snapshot: StudySnapshot, options: { trialsOnly?: boolean } = {}): string[] {
  const names = new Set(trialCostNames(snapshot));
  if (!options.trialsOnly) for (const name of Object.keys(snapshot.study.optimizerCost)) names.add(name);
  return [...names].sort((a, b) => (a === "usd" ? -1 : b === "usd" ? 1 : a.localeCompare(b)));
}

const trialCostNames = perSnapshot((snapshot: StudySnapshot): Set<string> => {
  const names = new Set<string>();
  for (const trial of snapshot.trials) for (const name in trial.cost) names.add(name);
  return names;
});
