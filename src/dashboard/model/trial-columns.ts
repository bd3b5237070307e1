import { isWeights, type Weights } from "../../space/index.js";
import type { TrialRecord } from "../../storage/index.js";
import { costNames, studyParams } from "./params.js";
import type { StudySnapshot } from "./study-snapshot.js";

/** A column of the trial table; `key` is what `?sort=` names. */
export interface TrialColumn {
  key: string;
  label: string;
  value(trial: TrialRecord): number | string | null;
}

/**
 * The trial table's columns: number, state, one per objective, one per parameter, the
 * fidelity when any trial has one, one per cost name, and the duration.
 */
export function trialColumns(snapshot: StudySnapshot): TrialColumn[] {
  const columns: TrialColumn[] = [
    { key: "number", label: "#", value: (t) => t.number },
    { key: "state", label: "state", value: (t) => t.state },
  ];
  snapshot.study.objectives.forEach((o, k) => columns.push({ key: `value:${k}`, label: `${o.name} ${o.direction === "maximize" ? "↑" : "↓"}`, value: (t) => t.values?.[k] ?? null }));
  for (const [name, param] of Object.entries(studyParams(snapshot))) {
    if (param.type === "simplex") {
      // One column per component weight, so a mixture reads (and sorts) like numbers.
      for (const component of param.components) {
        columns.push({ key: `param:${name}.${component}`, label: `${name}.${component}`, value: (t) => (isWeights(t.config[name]) ? (t.config[name] as Weights)[component] ?? null : null) });
      }
      continue;
    }
    columns.push({ key: `param:${name}`, label: name, value: (t) => (name in t.config ? (t.config[name] as number | string) : null) });
  }
  if (snapshot.trials.some((t) => t.fidelity !== null)) {
    columns.push({ key: "fidelity", label: "fidelity", value: (t) => (t.fidelity ? Object.values(t.fidelity).map(String).join(", ") : null) });
  }
  for (const name of costNames(snapshot, { trialsOnly: true })) columns.push({ key: `cost:${name}`, label: name, value: (t) => t.cost[name] ?? null });
  columns.push({ key: "duration", label: "duration", value: (t) => (t.startedAt !== null && t.completedAt !== null ? t.completedAt - t.startedAt : null) });
  return columns;
}
