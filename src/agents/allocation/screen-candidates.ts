import type { Config, Space } from "../../space/index.js";
import { formatNumber } from "./format-number.js";
import { allocationKey, configOf, type Allocation, type Stage } from "./stage-layout.js";
import type { DroppedCandidate } from "./trajectory.js";

/** What screening needs: the space, its stages, the compute model and what already ran. */
export interface ScreenContext {
  space: Space;
  stages: readonly Stage[];
  budget: number;
  compute: (config: Config) => number;
  /** Allocation keys (see allocationKey) of trials already made, with their numbers. */
  tried: ReadonlyMap<string, number>;
  /** Candidates kept at most; the rest are dropped as `beyond_batch`. */
  limit: number;
}

/** Kept configs in order, and the dropped candidates with their reasons. */
export interface Screened {
  kept: Config[];
  dropped: DroppedCandidate[];
}

/**
 * Screens proposed candidates before anything runs: a candidate that is not an allocation
 * of the space (missing or unknown stage, unknown model, sample count out of range), whose
 * planned compute is over the budget, that repeats a trial or an earlier candidate, or that
 * comes after `limit` kept ones, is dropped with the reason.
 */
export function screenCandidates(candidates: readonly unknown[], context: ScreenContext): Screened {
  const kept: Config[] = [];
  const dropped: DroppedCandidate[] = [];
  const inBatch = new Map<string, number>();
  candidates.forEach((candidate, index) => {
    const drop = (reason: DroppedCandidate["reason"], detail: string) => dropped.push({ allocation: candidate, reason, detail });
    const read = readAllocation(candidate, context);
    if (typeof read === "string") return drop("invalid", read);
    const config = configOf(read);
    const issues = context.space.check(config);
    if (issues.length > 0) return drop("invalid", issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
    const compute = plannedCompute(config, context.compute);
    if (typeof compute === "string") return drop("invalid", compute);
    if (compute > context.budget) return drop("over_budget", `planned compute ${formatNumber(compute)} is over the budget of ${context.budget}`);
    const key = allocationKey(context.stages, config);
    const trial = context.tried.get(key);
    if (trial !== undefined) return drop("duplicate", `the same allocation ran as trial #${trial}`);
    const earlier = inBatch.get(key);
    if (earlier !== undefined) return drop("duplicate", `the same allocation as candidate ${earlier} of this batch`);
    if (kept.length >= context.limit) return drop("beyond_batch", `more than ${context.limit} candidates`);
    inBatch.set(key, index);
    kept.push(config);
  });
  return { kept, dropped };
}

/** The allocation a candidate names, or what is wrong with it. */
function readAllocation(candidate: unknown, context: ScreenContext): Allocation | string {
  if (!candidate || typeof candidate !== "object" || Array.isArray(candidate)) {
    return 'expected an object like {"<stage>": {"model": "...", "samples": 1}}';
  }
  const given = candidate as Record<string, unknown>;
  const names = new Set(context.stages.map((stage) => stage.name));
  const unknown = Object.keys(given).filter((key) => !names.has(key));
  if (unknown.length > 0) return `unknown stage ${unknown.map((key) => JSON.stringify(key)).join(", ")}; the stages are ${[...names].join(", ")}`;
  const allocation: Allocation = {};
  for (const stage of context.stages) {
    const choice = given[stage.name] as { model?: unknown; samples?: unknown } | undefined;
    if (!choice || typeof choice !== "object") return `stage "${stage.name}" is missing`;
    if (typeof choice.model !== "string" || !stage.models.includes(choice.model)) {
      return `stage "${stage.name}": unknown model ${JSON.stringify(choice.model)}; the models are ${stage.models.join(", ")}`;
    }
    if (typeof choice.samples !== "number" || !stage.sampleCounts.includes(choice.samples)) {
      return `stage "${stage.name}": samples ${JSON.stringify(choice.samples)} not allowed (${describeCounts(stage.sampleCounts)})`;
    }
    allocation[stage.name] = { model: choice.model, samples: choice.samples };
  }
  return allocation;
}

/** The planned compute of a config, or why it could not be computed. */
export function plannedCompute(config: Config, compute: (config: Config) => number): number | string {
  let value: number;
  try {
    value = compute(config);
  } catch (error) {
    return `the compute model failed: ${(error as Error).message}`;
  }
  return Number.isFinite(value) ? value : `the compute model returned ${String(value)}`;
}

/** "integers 1..20", or "1..20 in steps of 3". */
export function describeCounts(counts: readonly number[]): string {
  const step = counts.length > 1 ? counts[1] - counts[0] : 1;
  const range = `${counts[0]}..${counts[counts.length - 1]}`;
  return step === 1 ? `integers ${range}` : `${range} in steps of ${step}`;
}
