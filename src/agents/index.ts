/**
 * LLM-guided optimizers behind the Sampler interface: the allocation agent (AgentTTS), the
 * research agent (AutoLLMResearch), generative optimization (OptoPrime-style) and the hybrid
 * optimizer (a classical sampler with an LLM's share of proposals), with what
 * they share (their LLM, versioned prompts, checked JSON replies) and `createOptimizer`,
 * which makes any optimizer by name.
 */
export { createOptimizer, optimizerNames, type AgentTaskHooks, type AnyOptimizerOptions } from "./create-optimizer.js";
export { AgentReplyError, askJson, readJson, resolveAgentLlm, type AgentLlm, type AgentLlmOptions, type AskJsonOptions, type JsonAnswer } from "./core/index.js";
// Named apart from the RAG pipeline's prompt templates, which the package root also exports.
export { loadPrompt as loadAgentPrompt, renderPrompt as renderAgentPrompt, type PromptTemplate as AgentPromptTemplate } from "./core/index.js";
export * from "./allocation/index.js";
export * from "./generative/index.js";
export * from "./sandbox/index.js";
export * from "./research/index.js";
export * from "./hybrid/index.js";
