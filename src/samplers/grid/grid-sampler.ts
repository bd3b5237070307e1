import { rngFor } from "../../math/index.js";
import type { Config, Space } from "../../space/index.js";
import type { Proposal, Sampler, SamplerContext } from "../spec.js";
import { z } from "zod";
import { parseOptions, seedOption, switchOption } from "../../errors/index.js";
import { configKey, enumerateGrid, gridOptionsSchema, type GridOptions } from "./enumerate-grid.js";

export interface GridSamplerOptions extends GridOptions {
  /** Seeds the shuffle of the grid order (default 0). */
  seed?: number;
  /** Visit the grid in an order shuffled by the seed (default true); false keeps enumeration order. */
  shuffle?: boolean;
}

/** The options `gridSampler` takes. */
export const gridSamplerOptionsSchema = z.strictObject({ seed: seedOption, shuffle: switchOption, ...gridOptionsSchema.shape });

interface Grid {
  spaceKey: string;
  points: Config[];
  keys: string[];
}

/**
 * Exhaustive grid search: enumerates every configuration of the space (all choices, all
 * integers by step, floats by `step` or `pointsPerFloat` points) respecting `when`
 * conditions, in an order shuffled by the seed, and proposes the first point that no trial
 * of the study uses yet (in any state but failed). Parallel workers and resumed studies
 * therefore do not repeat points, and a failed point is proposed again. `doIsExhausted`
 * turns true once every point is used, which stops `optimize()`.
 *
 * Asked after exhaustion (ask/tell, or a budget past the grid size), it starts over: it
 * proposes the first point, in grid order, among those used the fewest times.
 *
 * Options (besides those of `enumerateGrid`: `pointsPerFloat` 5, `search`, `maxPoints` 100000):
 * - `seed` (default 0) and `shuffle` (default true): the visiting order.
 *
 * @example
 * const sampler = gridSampler({ search: { retriever: ["bm25", "dense"], top_k: [5, 10, 20] } });
 * const study = await createStudy({ name: "grid-demo", storage: "memory:", space, direction: "maximize", sampler });
 * await study.optimize(objective); // stops when the grid is done
 */
export function gridSampler(options: GridSamplerOptions = {}): Sampler {
  const seed = options.seed ?? 0;
  const shuffle = options.shuffle ?? true;
  parseOptions(gridSamplerOptionsSchema, options, "grid sampler");
  let grid: Grid | null = null;

  const gridOf = (space: Space): Grid => {
    const spaceKey = JSON.stringify(space.toJSON());
    if (grid?.spaceKey === spaceKey) return grid;
    const points = enumerateGrid(space, options);
    if (shuffle) rngFor(seed, "grid").shuffle(points);
    grid = { spaceKey, points, keys: points.map((point) => configKey(space, point)) };
    return grid;
  };

  const usesOf = (space: Space, trials: SamplerContext["trials"]): Map<string, number> => {
    const uses = new Map<string, number>();
    for (const trial of trials) {
      if (trial.state === "failed") continue;
      const key = configKey(space, trial.config);
      uses.set(key, (uses.get(key) ?? 0) + 1);
    }
    return uses;
  };

  return {
    name: "grid",
    seed,
    doAsk(ctx: SamplerContext): Proposal {
      const { points, keys } = gridOf(ctx.space);
      const uses = usesOf(ctx.space, ctx.trials);
      let best = 0;
      let fewest = Infinity;
      for (let i = 0; i < points.length && fewest > 0; i++) {
        const count = uses.get(keys[i]) ?? 0;
        if (count < fewest) {
          fewest = count;
          best = i;
        }
      }
      return { config: { ...points[best] } };
    },
    doIsExhausted(ctx): boolean {
      const { keys } = gridOf(ctx.space);
      const uses = usesOf(ctx.space, ctx.trials);
      return keys.every((key) => uses.has(key));
    },
  };
}
