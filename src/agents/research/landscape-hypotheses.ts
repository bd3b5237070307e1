import { spearman } from "../../fidelity/index.js";
import { rankTrials } from "../../fidelity/rank-trials.js";
import type { Space } from "../../space/index.js";
import type { TrialRecord } from "../../storage/spec.js";
import { fidelityLabel, formatValue } from "./describe.js";
import type { ResearchState } from "./spec.js";

/** Complete runs a level needs before its landscape is read; the most recent ones read at most. */
const MIN_RUNS = 8;
const MAX_RUNS = 200;
/** |Spearman| from which a numeric parameter is said to matter. */
const MATTERS = 0.3;
/** Spread of mean ranks (share of runs) from which a categorical parameter is said to matter. */
const CATEGORY_SPREAD = 0.25;
const MAX_PARAMETER_HYPOTHESES = 4;

/**
 * Hypotheses a heuristic can back with numbers, each written `claim (evidence)`: which
 * parameters matter and which way (Spearman of the parameter against the first objective
 * at the highest level with enough runs that does not mislead), where the best quarter of
 * runs lies, and how far each level's ranking agrees with the top's.
 */
export function landscapeHypotheses(state: ResearchState): string[] {
  const out: string[] = [];
  const level = analysisLevel(state);
  if (level >= 0) {
    const trials = completeRuns(state.byLevel[level]);
    const sign = state.objectives[0].direction === "maximize" ? -1 : 1;
    const where = `${trials.length} runs at ${fidelityLabel(state.levels[level].fidelity)}`;
    const best = rankTrials(trials, state.objectives.slice(0, 1)).slice(0, Math.max(2, Math.ceil(trials.length / 4)));
    const points = new Map(trials.map((t) => [t.number, state.space.encode(t.config)]));
    const found = state.space.names
      .map((name, coordinate) => parameterHypothesis(state.space, name, trials, best, sign, where, (t) => points.get(t.number)![coordinate]))
      .filter((h): h is { strength: number; text: string } => h !== null)
      .sort((a, b) => b.strength - a.strength)
      .slice(0, MAX_PARAMETER_HYPOTHESES);
    out.push(...found.map((h) => h.text));
  }
  for (const agreement of state.agreement) {
    const label = fidelityLabel(state.levels[agreement.level].fidelity);
    const evidence = `(rho ${formatValue(agreement.top.spearman)} over ${agreement.top.pairs} configurations run at both)`;
    if (agreement.verdict === "agrees") out.push(`${label} ranks configurations like the top level ${evidence}`);
    if (agreement.verdict === "weak") out.push(`${label} ranks configurations only loosely like the top level ${evidence}`);
    if (agreement.verdict === "misleads") out.push(`${label} misleads about the top level ${evidence}`);
  }
  return out;
}

/** The claims of a list of hypotheses (each one's text before its evidence), in a canonical order. */
export function claimsOf(hypotheses: readonly string[]): string {
  return hypotheses.map(claimOf).sort().join("\n");
}

/** A hypothesis without its evidence: the text before the first " (". */
export function claimOf(hypothesis: string): string {
  return hypothesis.split(" (")[0].trim();
}

/** The highest level with enough complete runs whose ranking is not known to mislead; -1 when none. */
function analysisLevel(state: ResearchState): number {
  for (let level = state.levels.length - 1; level >= 0; level--) {
    if (state.agreement[level]?.verdict === "misleads") continue;
    if (completeRuns(state.byLevel[level]).length >= MIN_RUNS) return level;
  }
  return -1;
}

function completeRuns(trials: readonly TrialRecord[]): TrialRecord[] {
  const complete = trials.filter((t) => t.state === "complete" && t.values !== null && Number.isFinite(t.values[0]));
  return complete.slice(-MAX_RUNS);
}

function parameterHypothesis(
  space: Space,
  name: string,
  trials: readonly TrialRecord[],
  best: readonly TrialRecord[],
  sign: number,
  where: string,
  coordinateOf: (trial: TrialRecord) => number,
): { strength: number; text: string } | null {
  const param = space.params[name];
  const runs = trials.filter((t) => name in t.config);
  if (runs.length < MIN_RUNS) return null;
  const losses = runs.map((t) => sign * t.values![0]);
  if (param.type === "categorical") {
    const ranks = new Map<string, number[]>();
    const order = [...losses.keys()].sort((a, b) => losses[a] - losses[b]);
    order.forEach((index, rank) => {
      const key = JSON.stringify(runs[index].config[name]);
      ranks.set(key, [...(ranks.get(key) ?? []), rank / runs.length]);
    });
    const means = [...ranks].filter(([, r]) => r.length >= 2).map(([key, r]) => ({ key, mean: r.reduce((a, b) => a + b, 0) / r.length }));
    if (means.length < 2) return null;
    means.sort((a, b) => a.mean - b.mean);
    const spread = means[means.length - 1].mean - means[0].mean;
    if (spread < CATEGORY_SPREAD) return null;
    return { strength: spread, text: `"${name}" = ${means[0].key} does best (mean rank ${formatValue(means[0].mean)} vs ${formatValue(means[means.length - 1].mean)} for ${means[means.length - 1].key}, ${where})` };
  }
  const xs = runs.map(coordinateOf);
  const rho = spearman(xs, losses);
  if (rho === null || Math.abs(rho) < MATTERS) return null;
  const good = best.map((t) => t.config[name]).filter((v) => typeof v === "number") as number[];
  const range = good.length ? `; the best quarter has ${formatValue(Math.min(...good))} to ${formatValue(Math.max(...good))}` : "";
  return { strength: Math.abs(rho), text: `${rho > 0 ? "lower" : "higher"} "${name}" is better (rho ${formatValue(rho)} with the loss over ${where}${range})` };
}
