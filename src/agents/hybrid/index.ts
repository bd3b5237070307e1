/** The hybrid optimizer: a classical sampler proposes most trials, an LLM a share of them. See docs/agents/hybrid.md. */
export { hybridOptimizer, type HybridRecord } from "./hybrid-optimizer.js";
export { resolveHybridOptions, type HybridOptions, type ResolvedHybridOptions } from "./hybrid-options.js";
