/**
 * Multi-fidelity optimization: fidelity levels, schedulers that wrap any sampler
 * (successive halving, Hyperband, ASHA, BOHB, and the cross-fidelity "mf"), pruners, and
 * a model of how low-fidelity results predict high-fidelity ones.
 */
export { fidelityLevels, FidelityLevels, type FidelityInput, type FidelityKind, type FidelityLevel, type FidelityLevelsOptions, type LevelInput } from "./levels.js";
export { exampleSubset } from "./example-subset.js";
export { InvalidFidelityError } from "./invalid-fidelity-error.js";
export { schedulerOptionsSchema, type SchedulerOptions } from "./scheduler-options.js";
export { successiveHalvingOwnOptions, successiveHalvingSampler, type SuccessiveHalvingOptions } from "./successive-halving.js";
export { hyperbandSampler, type HyperbandOptions } from "./hyperband.js";
export { ashaSampler, type AshaOptions } from "./asha.js";
export { bohbOwnOptions, bohbSampler, type BohbOptions } from "./bohb.js";
export { mfOwnOptions, mfSampler, type MfOptions } from "./mf.js";
export { hyperbandPlans, successiveHalvingPlan, type BracketPlan } from "./bracket-plan.js";
export { CostModel } from "./cost-model.js";
export { rankTrials } from "./rank-trials.js";
export { fidelityCorrelation, pairedValues, spearman, type LevelCorrelation } from "./cross-fidelity.js";
export { createPruner, prunerNames, medianPruner, medianPrunerOptionsSchema, successiveHalvingPruner, successiveHalvingPrunerOptionsSchema, wilcoxonPruner, wilcoxonPrunerOptionsSchema, type MedianPrunerOptions, type SuccessiveHalvingPrunerOptions, type WilcoxonPrunerOptions } from "./pruners/index.js";
export { proposalAt, resumeFrom } from "./proposal-at.js";
export { isFinished, trialsByLevel } from "./trials-by-level.js";
export { configKey } from "./config-key.js";
export { levelResources, levelVerdict, rungLadder, TIE_TOLERANCE, type RungLadder, type RungLadderOptions, type SkippedLevel } from "./rung-ladder.js";
export { countRepeats, DEFAULT_STALL_LIMIT, guardedScheduler, type ProgressOptions, type RungDecision } from "./progress-guard.js";
export { chooseScheduler, autoScheduler, type SchedulerChoice } from "./choose-scheduler.js";
