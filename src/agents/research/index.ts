/**
 * The research agent (AutoLLMResearch-style): multi-fidelity configuration research as a
 * sequence of recorded decisions, with an LLM policy and a non-LLM heuristic one.
 */
export { researchOptimizer } from "./research-optimizer.js";
export { researchOptionsSchema, type ResearchOptions } from "./research-options.js";
export { heuristicPolicy } from "./heuristic-policy.js";
export { llmPolicy, type LlmPolicyOptions } from "./llm-policy.js";
export { trajectory } from "./research-records.js";
export { RESEARCH_ACTIONS } from "./spec.js";
export type {
  Decision,
  LevelAgreement,
  LevelState,
  PlanItem,
  Prediction,
  ResearchAction,
  ResearchPolicy,
  ResearchRecord,
  ResearchState,
  StateDigest,
  StepSummary,
  TrajectoryStep,
  TrialSummary,
  Verdict,
} from "./spec.js";
