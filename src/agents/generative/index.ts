/**
 * Generative optimization (OptoPrime / OPRO style): an LLM improves the text parameters of
 * a space (prompts, code modules, workflows as JSON) from execution feedback, with the
 * learning loop's choices as explicit options. See docs/agents/generative.md.
 */
export { generativeOptimizer, VALIDATION_FIDELITY, type GenerativeOptimizer } from "./generative-optimizer.js";
export { generativeOptionsSchema, type CreditHorizon, type GenerativeOptions, type ValidationOptions } from "./generative-options.js";
export { bestArtifact, type ArtifactChoice, type ArtifactHistory } from "./best-artifact.js";
export { GENERATIVE_ATTR, type GenerativeRecord, type Split } from "./loop-state.js";
export { FEEDBACK_ATTR } from "./trial-feedback.js";
export { unifiedDiff, type UnifiedDiffOptions } from "./line-diff.js";
