import { float, Space, type Config } from "../../space/index.js";
import type { TabularTask } from "../tabular/index.js";
import { TaskDataError } from "../task/index.js";
import { mixtureSpace, normalizeWeights, readRegmixRuns, REGMIX_DOMAINS, regmixTask, type RegmixRows, type RegmixRun, type RegmixWeights } from "./regmix.js";

/** The two model sizes that ran the same 256 test mixtures, lowest fidelity first. */
const RUNS: RegmixRun[] = [
  { model: "1M", params: 1e6, pairs: [["test", "test_mixture_1m.csv", "test_pile_loss_1m.csv"]] },
  { model: "60M", params: 6e7, pairs: [["test", "test_mixture_60m.csv", "test_pile_loss_60m.csv"]] },
];

/** The smallest domain weight of `regmix/60m` with independent weights: the data's precision (weights have 3 decimals); a recorded 0 is written as this. */
export const REGMIX_MIN_WEIGHT = 0.001;

/**
 * RegMix restricted to the mixtures recorded at both 1M and 60M: the 256 test mixtures, with
 * fidelity = model size {1M, 60M} (top: 60M). Objectives, cost (`model_params`: 1e6 and 6e7 per
 * evaluation), source and license as `regmix`; optimum and worst are the best and worst 60M
 * Pile-CC losses. Unlike `regmix`, whose 1B mixtures are not the 1M/60M ones, a configuration
 * is answered by the same mixture at both levels, so a scheduler can learn the top-level ranking
 * from the cheap one.
 *
 * The space is the simplex `mix`, as `regmix`'s. With `weights: "independent"` it is the space
 * before the simplex type: each weight log-scaled on [0.001, 1] (a recorded 0 becomes 0.001), a
 * proposal renormalized to sum 1 and floored at 0.001 before the nearest-mixture search, so
 * distances compared weight ratios (the workaround for `regmix`'s linear [0, 1] weights, of which a
 * uniform draw renormalizes to a near-even mixture; bench/fidelity/regmix-reach.ts).
 * Throws TaskDataError if a mixture lacks one of the levels or differs between the two files.
 */
export function loadRegmix60mTask(options: { weights?: RegmixWeights } = {}): TabularTask {
  const recorded = readRegmixRuns(RUNS);
  checkSameMixtures(recorded);
  const description =
    "RegMix's 256 test mixtures at both 1M and 60M proxy models (the same mixtures at each level): a mixture of 17 Pile domains -> validation loss; minimize Pile-CC validation loss at 60M";
  if ((options.weights ?? "simplex") === "simplex") return regmixTask({ id: "regmix/60m", description, space: mixtureSpace(), simplex: true }, recorded, RUNS);
  for (const row of recorded.rows) row.config = floorWeights(row.config);
  const definition: Record<string, ReturnType<typeof float>> = {};
  for (const domain of REGMIX_DOMAINS) definition[domain] = float(REGMIX_MIN_WEIGHT, 1, { log: true });
  return regmixTask(
    {
      id: "regmix/60m",
      description,
      space: Space.parse(definition),
      beforeNearest: (config) => floorWeights(normalizeWeights(config)),
    },
    recorded,
    RUNS,
  );
}

/** Raises every domain weight below REGMIX_MIN_WEIGHT to it. */
function floorWeights(config: Config): Config {
  const out: Config = {};
  for (const domain of REGMIX_DOMAINS) out[domain] = Math.max(REGMIX_MIN_WEIGHT, config[domain] as number);
  return out;
}

/** Every mixture index appears once at each level, with the same domain weights at both. */
function checkSameMixtures({ rows, mixtureIndex }: RegmixRows): void {
  const byLevel = RUNS.map(() => new Map<number, number>());
  const where = (i: number) => ({ file: rows[i].origin?.file ?? "data/regmix/data", row: rows[i].origin?.row, column: "index" });
  rows.forEach((row, i) => {
    if (byLevel[row.level].has(mixtureIndex[i])) throw new TaskDataError(where(i), `mixture ${mixtureIndex[i]} appears twice`);
    byLevel[row.level].set(mixtureIndex[i], i);
  });
  const [low, top] = byLevel;
  for (const [index, i] of low) {
    const j = top.get(index);
    if (j === undefined) throw new TaskDataError(where(i), `mixture ${index} has no ${RUNS[1].model} run`);
    if (JSON.stringify(rows[i].config) !== JSON.stringify(rows[j].config)) throw new TaskDataError(where(i), `mixture ${index} has other domain weights at ${RUNS[1].model}`);
  }
  for (const [index, j] of top) if (!low.has(index)) throw new TaskDataError(where(j), `mixture ${index} has no ${RUNS[0].model} run`);
}
