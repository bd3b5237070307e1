import { paretoFrontIndices } from "../../math/index.js";
import type { Config } from "../../space/index.js";
import type { Objective, TrialRecord } from "../../storage/spec.js";

/** Complete trials with values, best first: by the first objective, or the Pareto front first when there are several. */
export function bestTrials(trials: readonly TrialRecord[], objectives: readonly Objective[], count: number): TrialRecord[] {
  const complete = trials.filter((trial) => trial.state === "complete" && trial.values !== null);
  const signed = (trial: TrialRecord) => trial.values!.map((value, i) => (objectives[i]?.direction === "maximize" ? -value : value));
  const byFirst = (a: TrialRecord, b: TrialRecord) => signed(a)[0]! - signed(b)[0]! || a.number - b.number;
  if (objectives.length <= 1) return [...complete].sort(byFirst).slice(0, count);
  const front = new Set(paretoFrontIndices(complete.map(signed)));
  const onFront = complete.filter((_, i) => front.has(i)).sort(byFirst);
  const rest = complete.filter((_, i) => !front.has(i)).sort(byFirst);
  return [...onFront, ...rest].slice(0, count);
}

/** One line per trial: number, who proposed it, configuration and result. */
export function trialLines(trials: readonly TrialRecord[], objectives: readonly Objective[]): string {
  if (trials.length === 0) return "(none)";
  return trials.map((trial) => `#${trial.number} [${proposerOf(trial)}] ${JSON.stringify(trial.config)} -> ${resultText(trial, objectives)}`).join("\n");
}

/** The objectives as the prompt states them, with the user's sentence when given. */
export function objectiveText(objectives: readonly Objective[], task: string | null): string {
  const goals = objectives.map((objective) => `${objective.direction} ${objective.name}`).join(", ");
  return task ? `${goals}. ${task}` : goals;
}

export function configText(config: Config): string {
  return JSON.stringify(config);
}

function proposerOf(trial: TrialRecord): string {
  const hybrid = trial.userAttrs.hybrid as { proposer?: unknown } | undefined;
  return hybrid?.proposer === "llm" ? "llm" : "classical";
}

function resultText(trial: TrialRecord, objectives: readonly Objective[]): string {
  if (trial.state !== "complete" || trial.values === null) return trial.state;
  return trial.values.map((value, i) => `${objectives[i]?.name ?? `value${i}`}=${Number(value.toPrecision(6))}`).join(", ");
}
