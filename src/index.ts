/**
 * knobs: tune the configuration of compound LLM systems.
 *
 * @example
 * import { createStudy, float, categorical } from "knobs";
 * const study = await createStudy({ name: "demo", storage: "memory:", direction: "minimize",
 *   space: { x: float(-5, 5), kind: categorical(["a", "b"]) } });
 * await study.optimize((trial) => (trial.config.x as number) ** 2, { budget: { trials: 50 } });
 * console.log(study.bestTrial().config);
 */
export * from "./errors/index.js";
export * from "./space/index.js";
export * from "./storage/index.js";
export * from "./samplers/index.js";
export * from "./study/index.js";
export * from "./llm/index.js";
