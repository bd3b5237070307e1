import type { Config } from "../../space/index.js";
import { plannedCompute } from "./screen-candidates.js";
import { configOf, type Allocation, type Stage } from "./stage-layout.js";

/**
 * The cheapest allocation: each stage on the model whose fewest samples cost least (the
 * other stages held at their first model), with the fewest samples. Ties go to the earlier model.
 */
export function cheapestAllocation(stages: readonly Stage[], compute: (config: Config) => number): Allocation {
  const allocation: Allocation = {};
  for (const stage of stages) allocation[stage.name] = { model: stage.models[0], samples: stage.sampleCounts[0] };
  for (const stage of stages) {
    let best = { model: stage.models[0], cost: Infinity };
    for (const model of stage.models) {
      const cost = costOf({ ...allocation, [stage.name]: { model, samples: stage.sampleCounts[0] } }, compute);
      if (cost < best.cost) best = { model, cost };
    }
    allocation[stage.name] = { model: best.model, samples: stage.sampleCounts[0] };
  }
  return allocation;
}

/**
 * AgentTTS's initial phase (Wang et al. 2025, arXiv:2508.00890, `init_candidates`): for each
 * stage, each candidate model at an equal budget, the other stages held at the cheapest
 * allocation. The stage's budget is an equal share of the total on top of the cheapest
 * allocation, `compute(cheapest) + budget / stages`, raised when needed to what the stage's
 * dearest model costs with its fewest samples (so every model is tried; upstream gives the
 * stage exactly one sample of its largest model) and capped at the total budget. Each model
 * then gets the most samples whose planned compute fits that stage budget: small models get
 * many samples, large ones few. A model whose fewest samples already exceed the total budget
 * keeps them and is dropped as over budget by screening, so the drop is recorded.
 * Assumes compute grows with the sample count.
 */
export function initialCandidates(stages: readonly Stage[], budget: number, compute: (config: Config) => number): Allocation[] {
  const cheapest = cheapestAllocation(stages, compute);
  const base = costOf(cheapest, compute);
  const share = budget / stages.length;
  const candidates: Allocation[] = [];
  for (const stage of stages) {
    const withModel = (model: string, samples: number): Allocation => ({ ...cheapest, [stage.name]: { model, samples } });
    const dearest = Math.max(...stage.models.map((model) => costOf(withModel(model, stage.sampleCounts[0]), compute)));
    const stageBudget = Math.min(budget, Math.max(base + share, dearest));
    for (const model of stage.models) {
      const samples = mostSamplesWithin(stage.sampleCounts, stageBudget, (count) => costOf(withModel(model, count), compute));
      candidates.push(withModel(model, samples));
    }
  }
  return candidates;
}

/** The largest count whose cost fits `limit` (binary search; cost grows with the count), else the smallest count. */
function mostSamplesWithin(counts: readonly number[], limit: number, cost: (count: number) => number): number {
  let low = 0;
  let high = counts.length - 1;
  if (cost(counts[low]) > limit) return counts[low];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (cost(counts[middle]) <= limit) low = middle;
    else high = middle - 1;
  }
  return counts[low];
}

/** Planned compute of an allocation; Infinity when the compute model fails on it. */
function costOf(allocation: Allocation, compute: (config: Config) => number): number {
  const value = plannedCompute(configOf(allocation), compute);
  return typeof value === "number" ? value : Infinity;
}
