/**
 * LLM-guided optimizers behind the Sampler interface: the allocation agent (AgentTTS), the
 * research agent (AutoLLMResearch) and generative optimization (OptoPrime-style), with what
 * they share (their LLM, versioned prompts, checked JSON replies) and `createOptimizer`,
 * which makes any optimizer by name.
 */
export { createOptimizer, optimizerNames, type AgentTaskHooks, type AnyOptimizerOptions } from "./create-optimizer.js";
export * from "./core/index.js";
export * from "./allocation/index.js";
export * from "./generative/index.js";
export * from "./sandbox/index.js";
