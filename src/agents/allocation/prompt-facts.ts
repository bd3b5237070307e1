import type { Config } from "../../space/index.js";
import type { Objective, TrialRecord } from "../../storage/spec.js";
import { formatNumber } from "./format-number.js";
import { cheapestAllocation } from "./initial-candidates.js";
import { describeCounts, plannedCompute } from "./screen-candidates.js";
import { configOf, describeAllocation, type Stage } from "./stage-layout.js";

/** What the prompts say about the task: stages, models, compute model, objective. */
export interface PromptFacts {
  task: string;
  stages: readonly Stage[];
  budget: number;
  compute: (config: Config) => number;
  modelSizes: Record<string, number> | null;
  /** The objective the agent optimizes (the study's first). */
  objective: Objective;
}

/** A trial as the prompts show it. */
export interface HistoryEntry {
  number: number;
  config: Config;
  /** The objective's value; null when the trial failed, was pruned or is still running. */
  score: number | null;
  state: TrialRecord["state"];
  /** Planned compute; null when the compute model cannot price the config. */
  compute: number | null;
}

/** One line per stage: its models (with sizes when known) and allowed sample counts. */
export function describeStages(facts: PromptFacts): string {
  return facts.stages
    .map((stage) => {
      const models = stage.models.map((model) => {
        const size = facts.modelSizes && Object.hasOwn(facts.modelSizes, model) ? facts.modelSizes[model] : undefined;
        return size === undefined ? model : `${model} (${formatNumber(size)}B)`;
      });
      return `- ${stage.name}: models ${models.join(", ")}; samples ${describeCounts(stage.sampleCounts)}`;
    })
    .join("\n");
}

/**
 * The compute model as increments over the cheapest allocation, per stage and model: what the
 * fewest samples add and what each further sample adds. Exact when compute is a sum over
 * stages, linear in the sample count (AgentTTS's is); the agent screens with the real model anyway.
 */
export function describeCompute(facts: PromptFacts): string {
  const cheapest = cheapestAllocation(facts.stages, facts.compute);
  const costOf = (config: Config) => {
    const value = plannedCompute(config, facts.compute);
    return typeof value === "number" ? value : NaN;
  };
  const base = costOf(configOf(cheapest));
  const lines = [
    `The cheapest allocation (${describeAllocation(facts.stages, configOf(cheapest))}) uses ${formatNumber(base)}.`,
    "Changing one stage from it adds (compute is about a sum over stages, linear in samples):",
  ];
  for (const stage of facts.stages) {
    const counts = stage.sampleCounts;
    const [fewest, most] = [counts[0], counts[counts.length - 1]];
    for (const model of stage.models) {
      const at = (samples: number) => costOf(configOf({ ...cheapest, [stage.name]: { model, samples } })) - base;
      const perSample = most > fewest ? (at(most) - at(fewest)) / (most - fewest) : 0;
      lines.push(`- ${stage.name} on ${model}: +${formatNumber(at(fewest))} with ${fewest} sample(s), +${formatNumber(perSample)} per further sample`);
    }
  }
  return lines.join("\n");
}

/** The trials numbered below `before`, as the prompts show them (queued ones left out). */
export function historyEntries(trials: readonly TrialRecord[], before: number, facts: PromptFacts, objectiveIndex = 0): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const trial of trials) {
    if (trial.number >= before || trial.state === "queued") continue;
    const value = trial.state === "complete" ? trial.values?.[objectiveIndex] : undefined;
    const compute = plannedCompute(trial.config, facts.compute);
    entries.push({
      number: trial.number,
      config: trial.config,
      score: typeof value === "number" && Number.isFinite(value) ? value : null,
      state: trial.state,
      compute: typeof compute === "number" ? compute : null,
    });
  }
  return entries;
}

/**
 * History lines, in trial order: `#4 retrieve=a x3, answer=b x1 | accuracy 0.61 | compute 41.2 of 60`.
 * Beyond `limit` entries, the best quarter of the limit and the most recent rest are shown.
 */
export function formatHistory(entries: readonly HistoryEntry[], facts: PromptFacts, limit: number): string {
  if (entries.length === 0) return "(none)";
  let shown = entries;
  if (entries.length > limit) {
    const sign = facts.objective.direction === "maximize" ? -1 : 1;
    const bestCount = Math.floor(limit / 4);
    const recent = entries.slice(entries.length - (limit - bestCount));
    const older = entries.slice(0, entries.length - recent.length).filter((entry) => entry.score !== null);
    const best = older.sort((a, b) => sign * ((a.score as number) - (b.score as number)) || a.number - b.number).slice(0, bestCount);
    shown = [...best, ...recent].sort((a, b) => a.number - b.number);
  }
  const lines = shown.map((entry) => {
    const outcome = entry.score !== null ? `${facts.objective.name} ${formatNumber(entry.score)}` : entry.state === "running" ? "running (no score yet)" : entry.state;
    const compute = entry.compute === null ? "compute unknown" : `compute ${formatNumber(entry.compute)} of ${formatNumber(facts.budget)}`;
    return `#${entry.number} ${describeAllocation(facts.stages, entry.config)} | ${outcome} | ${compute}`;
  });
  if (shown.length < entries.length) lines.unshift(`(${entries.length - shown.length} older trials not shown)`);
  return lines.join("\n");
}
