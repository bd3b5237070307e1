/**
 * The allocation agent (AgentTTS, Wang et al. 2025, arXiv:2508.00890): an LLM searches the
 * model and sample count of each stage of a multi-stage task under one compute budget.
 */
export { allocationOptimizer } from "./allocation-optimizer.js";
export { allocationOptionsSchema, sizeProportionalCompute, type AllocationOptions } from "./allocation-options.js";
export { initialCandidates, cheapestAllocation } from "./initial-candidates.js";
export { readStages, type Allocation, type Stage, type StageChoice } from "./stage-layout.js";
export type { AllocationPhase, AllocationRecord, DropReason, DroppedCandidate } from "./trajectory.js";
