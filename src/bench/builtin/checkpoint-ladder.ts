import { rngFor } from "../../math/index.js";
import { ordinal, Space } from "../../space/index.js";
import { TabularTask, type RecordedRow } from "../tabular/index.js";

/** Learning rates and widths of the ladder's 16 configurations. */
const LEARNING_RATES = [1e-4, 3e-4, 1e-3, 3e-3];
const WIDTHS = [128, 256, 512, 1024];
/** Steps of the checkpoints: 0 (untrained), geometric to 3200, then every 1000 to 30000. */
export const LADDER_STEPS: readonly number[] = [0, 25, 50, 100, 200, 400, 800, 1600, 3200, ...Array.from({ length: 27 }, (_, i) => 4000 + 1000 * i)];
/** Loss of an untrained model: uniform over a 32,768-token vocabulary. */
const UNTRAINED = Math.log(32768);
/** Steps before any learning shows (warmup): the checkpoints up to here score near chance. */
const WARMUP = 300;

/**
 * SYNTHETIC: a checkpoint ladder made by a formula, the shape of a real training run's ladder
 * that defeated the schedulers (issue 16), for benchmarking them; results on it say nothing
 * about LLM systems. 16 configurations (4 learning rates x 4 widths, ordinal), 36 checkpoints
 * of one run each (step 0, 25, 50, ..., 3200 geometrically, then every 1000 to 30000; top:
 * 30000). Step 0 costs nothing and every configuration scores the same there (the untrained
 * loss, ln 32768); up to step 400 all stay near it (warmup). After, the loss falls towards an
 * asymptote (lower for wider models and for the middle learning rate; the highest rate is
 * unstable on the two widest) at a speed that grows with the learning rate, so fast starters
 * lead the middle checkpoints and the top ranking emerges late; each checkpoint adds fixed
 * noise (sd 0.02 once learning shows), so curves are jagged. Costs: `gpu_hours`
 * (steps x width / 128 x 1e-4) and `steps`, counted from the start of the run.
 */
export function checkpointLadderTask(): TabularTask {
  const rows: RecordedRow[] = [];
  LEARNING_RATES.forEach((lr, i) => {
    WIDTHS.forEach((width, j) => {
      const config = { learning_rate: lr, width };
      const asymptote = 2.2 + 0.9 * 0.75 ** j + 0.12 * (i - 2) ** 2 + (i === 3 && j >= 2 ? 0.6 : 0);
      const speed = 1500 * (1e-3 / lr) ** 0.6 * (width / 128) ** 0.25;
      LADDER_STEPS.forEach((steps, level) => {
        const s = Math.max(0, steps - WARMUP) / speed;
        const progress = s ** 1.3 / (1 + s ** 1.3);
        const noise = steps === 0 ? 0 : rngFor(0, "checkpoint-ladder", i, j, level).normal() * (0.002 + 0.02 * Math.min(1, progress * 5));
        const loss = UNTRAINED - (UNTRAINED - asymptote) * progress + noise;
        rows.push({ config, level, values: [loss], cost: { gpu_hours: (steps * width) / 128 / 1e4, steps } });
      });
    });
  });
  return new TabularTask(
    {
      space: Space.parse({ learning_rate: ordinal(LEARNING_RATES), width: ordinal(WIDTHS) }),
      fidelitySpace: Space.parse({ step: ordinal([...LADDER_STEPS]) }),
      fidelities: LADDER_STEPS.map((step) => ({ step })),
      objectives: [{ name: "loss", direction: "minimize" }],
      costNames: ["gpu_hours", "steps"],
      rows,
    },
    {
      id: "synthetic/checkpoint-ladder",
      description: "SYNTHETIC checkpoint ladder (a formula, not data): 16 configurations, 36 checkpoints of one run (step 0 free and tied, near chance up to step 400); minimize loss at step 30000",
      source: { repo: "knobs", commit: "", path: "src/bench/builtin/checkpoint-ladder.ts", license: "MIT" },
      fidelityCost: "continue",
      synthetic: true,
    },
  );
}
