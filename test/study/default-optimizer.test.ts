import { describe, expect, it } from "vitest";
import { createOptimizer } from "../../src/optimizers/index.js";
import { DEFAULT_OPTIMIZER, randomSampler } from "../../src/samplers/index.js";
import { float, int } from "../../src/space/index.js";
import { createStudy, parseStudyConfig, studyConfigJsonSchema } from "../../src/study/index.js";

const space = { x: float(-5, 5), k: int(1, 4) };
const objective = (trial: { config: Record<string, unknown> }) => ((trial.config.x as number) - 1) ** 2 + (trial.config.k as number);
const quiet = { logger: () => {} };

// Issue 17 item 19: the library's default was random search while the README calls auto the default.
describe("the default optimizer", () => {
  it("is auto, in the library, in a study config and in the config's JSON Schema", () => {
    expect(DEFAULT_OPTIMIZER).toBe("auto");
    const loaded = parseStudyConfig({ study: "s", space: { x: { type: "float", low: 0, high: 1 } }, objective: { command: "true" } }, { file: "study.yaml", baseDir: "." });
    expect(loaded.optimizer.name).toBe(DEFAULT_OPTIMIZER);
    expect(JSON.stringify(studyConfigJsonSchema())).toContain(`"default":"${DEFAULT_OPTIMIZER}"`);
  });

  it("is what createStudy uses without a sampler: auto's trajectory with seed 0, not random search's", async () => {
    const byDefault = await createStudy({ name: "d", storage: "memory:", space, ...quiet });
    expect(byDefault.sampler.name).toBe(DEFAULT_OPTIMIZER);
    await byDefault.optimize(objective, { budget: { trials: 14 } });
    const named = await createStudy({ name: "n", storage: "memory:", space, sampler: createOptimizer(DEFAULT_OPTIMIZER, { seed: 0 }), ...quiet });
    await named.optimize(objective, { budget: { trials: 14 } });
    expect(byDefault.trials.map((t) => t.config)).toEqual(named.trials.map((t) => t.config));
    const random = await createStudy({ name: "r", storage: "memory:", space, sampler: randomSampler(), ...quiet });
    await random.optimize(objective, { budget: { trials: 14 } });
    expect(byDefault.trials.map((t) => t.config)).not.toEqual(random.trials.map((t) => t.config));
  });
});
