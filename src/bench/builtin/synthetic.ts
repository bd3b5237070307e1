import type { Config } from "../../space/index.js";
import type { SyntheticFunction } from "../synthetic/index.js";
import type { Evaluation, Objective, Task } from "../task/index.js";

/** Functions designed for knobs rather than taken from the literature. */
const KNOBS_OWN = new Set(["mixed5", "conditional"]);

const OBJECTIVES: readonly Objective[] = [{ name: "value", direction: "minimize" }];

/**
 * A synthetic function as a Task with id "synthetic/<id>": one objective `value` (minimized),
 * no costs, no fidelity, the known global minimum as `optimum`, and `synthetic: true` so reports
 * never present results on it as results on an LLM system.
 */
export function syntheticTask(fn: SyntheticFunction): Task {
  return {
    id: `synthetic/${fn.id}`,
    description: `${fn.description} (synthetic)`,
    space: fn.space,
    fidelitySpace: null,
    objectives: OBJECTIVES,
    costNames: [],
    evaluate(config: Config): Evaluation {
      fn.space.validate(config);
      return { values: [fn.evaluate(config)], cost: {} };
    },
    optimum: fn.optimum,
    source: {
      repo: "knobs",
      commit: "",
      path: "src/bench/synthetic/",
      license: "MIT",
      ...(KNOBS_OWN.has(fn.id) ? {} : { citation: "Surjanovic & Bingham, Virtual Library of Simulation Experiments, sfu.ca/~ssurjano" }),
    },
    license: "MIT",
    synthetic: true,
  };
}
