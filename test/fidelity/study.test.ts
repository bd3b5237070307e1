import { describe, expect, it } from "vitest";
import { ashaSampler, exampleSubset, hyperbandSampler, medianPruner, wilcoxonPruner } from "../../src/fidelity/index.js";
import { configKey } from "../../src/fidelity/config-key.js";
import { float, int } from "../../src/space/index.js";
import { createStudy, TrialPrunedError } from "../../src/study/index.js";

const space = { x: float(0, 1) };

describe("schedulers in a study", () => {
  it("ASHA with concurrent workers gives each trial its fidelity and never promotes twice", async () => {
    const fidelity = { examples: int(10, 90) };
    const study = await createStudy({ name: "asha", storage: "memory:", space, direction: "minimize", sampler: ashaSampler({ fidelity, seed: 1 }), logger: () => {} });
    await study.optimize(
      async (trial) => {
        await new Promise((resolve) => setTimeout(resolve, (trial.number * 7) % 5));
        const x = trial.config.x as number;
        return { values: { value: (x - 0.3) ** 2 + 1 / (trial.fidelity!.examples as number) } };
      },
      { concurrency: 4, budget: { trials: 60 } },
    );
    const trials = study.trials;
    expect(trials).toHaveLength(60);
    expect(trials.every((t) => [10, 30, 90].includes(t.fidelity!.examples as number))).toBe(true);
    const seen = new Set(trials.map((t) => `${configKey(t.config)}@${t.fidelity!.examples}`));
    expect(seen.size).toBe(60);
    expect(trials.some((t) => t.fidelity!.examples === 90)).toBe(true);
    await study.close();
  });

  it("Hyperband runs in a study and resumes from the storage", async () => {
    const fidelity = { epochs: int(1, 9) };
    const storage = "memory:";
    const study = await createStudy({ name: "hb", storage, space, direction: "minimize", sampler: hyperbandSampler({ fidelity, seed: 2 }) });
    const objective = (trial: { config: Record<string, unknown>; fidelity: Record<string, unknown> | null }) => (trial.config.x as number) / (trial.fidelity!.epochs as number);
    await study.optimize(objective, { budget: { trials: 13 } });
    const resumed = await createStudy({ name: "hb", storage: study.storage, space, direction: "minimize", sampler: hyperbandSampler({ fidelity, seed: 2 }) });
    await resumed.optimize(objective, { budget: { trials: 20 } });
    // 9@1 3@3 1@9 is the first bracket (13 trials); the second starts at epochs 3 with 5 configurations.
    expect(resumed.trials.slice(13, 18).map((t) => t.fidelity!.epochs)).toEqual([3, 3, 3, 3, 3]);
    await resumed.close();
  });
});

describe("pruners in a study", () => {
  it("the median pruner stops trials that fall behind", async () => {
    const study = await createStudy({ name: "median", storage: "memory:", space, direction: "minimize", pruner: medianPruner({ startupTrials: 3 }), logger: () => {} });
    const summary = await study.optimize(
      async (trial) => {
        const x = trial.config.x as number;
        for (let step = 0; step < 5; step++) {
          await trial.report(x + 1 / (step + 1), step);
          if (trial.shouldPrune()) throw new TrialPrunedError();
        }
        return x;
      },
      { budget: { trials: 30 } },
    );
    expect(summary.pruned).toBeGreaterThan(3);
    expect(summary.complete + summary.pruned).toBe(30);
    await study.close();
  });

  it("the Wilcoxon pruner stops trials scored on fixed example subsets", async () => {
    const scores = (x: number, i: number) => 1 - Math.abs(x - 0.5) - 0.3 * ((i * 37) % 10) / 10;
    const study = await createStudy({ name: "wilcoxon", storage: "memory:", space, direction: "maximize", pruner: wilcoxonPruner(), logger: () => {} });
    const summary = await study.optimize(
      async (trial) => {
        const x = trial.config.x as number;
        let sum = 0;
        const examples = exampleSubset(200, 40, 3);
        for (const [k, i] of examples.entries()) {
          sum += scores(x, i);
          await trial.report(scores(x, i), i);
          if (trial.shouldPrune()) throw new TrialPrunedError(`pruned after ${k + 1} examples`);
        }
        return sum / examples.length;
      },
      { budget: { trials: 20 } },
    );
    expect(summary.pruned).toBeGreaterThan(3);
    const pruned = study.trials.filter((t) => t.state === "pruned");
    // Per-example differences from the best are all of one sign here: each pruned trial is truly worse than the final best.
    const distance = (x: unknown) => Math.abs((x as number) - 0.5);
    const best = Math.min(...study.trials.filter((t) => t.state === "complete").map((t) => distance(t.config.x)));
    for (const t of pruned) expect(distance(t.config.x)).toBeGreaterThan(best);
    await study.close();
  });
});
