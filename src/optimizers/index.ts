/**
 * The optimizer registry: every optimizer (samplers, multi-fidelity schedulers, LLM-guided
 * agents) by name, with its options schema, and the one `createOptimizer` that the CLI, the
 * benchmark runner, the protocol server and library users make optimizers with.
 */
export { createOptimizer, optimizerNames, optimizerRegistry } from "./registry.js";
export { taskHooksOf } from "./task-hooks.js";
export { MissingFidelityError } from "./missing-fidelity-error.js";
export { UnknownOptimizerError } from "./unknown-optimizer-error.js";
export type { AgentTaskHooks, OptimizerContext, OptimizerEntry, OptimizerKind } from "./spec.js";
