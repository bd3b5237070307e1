import { KnobsError } from "../../errors/index.js";
import type { Rng } from "../../math/index.js";
import type { Config } from "../../space/index.js";
import { cheapestAllocation } from "./initial-candidates.js";
import { screenCandidates, type ScreenContext } from "./screen-candidates.js";
import { allocationOf, configOf, type Allocation } from "./stage-layout.js";

/** How many random allocations the fallback draws before giving up on new ones. */
const RANDOM_DRAWS = 64;

/** A fallback batch and how it was made. */
export interface Fallback {
  batch: Config[];
  note: string;
}

/**
 * The non-LLM proposal used when the LLM gives no usable batch. In order:
 * 1. the best allocation so far with one stage's sample count moved (to a neighbouring count,
 *    about half or about double), within budget and untried, in a random order;
 * 2. random allocations of the space within budget and untried (up to 64 draws);
 * 3. the best allocation again (or the cheapest one when nothing has finished), re-run.
 * Throws a KnobsError when even the cheapest allocation is over the budget.
 */
export function fallbackCandidates(best: Config | null, context: ScreenContext, rng: Rng): Fallback {
  if (best) {
    const neighbours = rng.shuffle(sampleNeighbours(allocationOf(context.stages, best), context));
    const { kept } = screenCandidates(neighbours, context);
    if (kept.length > 0) return { batch: kept, note: "the best allocation so far with one stage's sample count changed" };
  }
  const draws = Array.from({ length: RANDOM_DRAWS }, () => allocationOf(context.stages, context.space.sample(rng)));
  const { kept } = screenCandidates(draws, context);
  if (kept.length > 0) return { batch: kept, note: "random allocations within the budget" };
  if (best) return { batch: [best], note: "no untried allocation within the budget was found: the best allocation runs again" };
  const cheapest = configOf(cheapestAllocation(context.stages, context.compute));
  if (context.compute(cheapest) > context.budget) {
    throw new KnobsError("budget_too_small", `allocation: even the cheapest allocation (compute ${context.compute(cheapest)}) is over the compute budget of ${context.budget}`);
  }
  return { batch: [cheapest], note: "nothing has finished and no untried allocation was found: the cheapest allocation runs" };
}

/** The allocation with one stage's sample count moved: +-1, +-2 steps, about half, about double. */
function sampleNeighbours(allocation: Allocation, context: ScreenContext): Allocation[] {
  const neighbours: Allocation[] = [];
  for (const stage of context.stages) {
    const counts = stage.sampleCounts;
    const samples = allocation[stage.name].samples;
    const index = counts.indexOf(samples);
    const indices = new Set([index - 2, index - 1, index + 1, index + 2, nearestIndex(counts, samples / 2), nearestIndex(counts, samples * 2)]);
    for (const other of indices) {
      if (other < 0 || other >= counts.length || other === index) continue;
      neighbours.push({ ...allocation, [stage.name]: { ...allocation[stage.name], samples: counts[other] } });
    }
  }
  return neighbours;
}

function nearestIndex(counts: readonly number[], target: number): number {
  let best = 0;
  counts.forEach((count, i) => {
    if (Math.abs(count - target) < Math.abs(counts[best] - target)) best = i;
  });
  return best;
}
