/** The built-in benchmark tasks (LLMSYS-HPOBench systems, RegMix, RouteLLM MMLU allocation, surrogates, synthetic functions) and the task registry. */
export { BUILTIN_TASKS, getTask, listTasks, resolveTaskRef, taskIds, type BuiltinTask, type TaskKind } from "./registry.js";
export { LLMSYS_SYSTEMS, loadLlmsysTask, type LlmsysSystem } from "./llmsys.js";
export { loadRegmixTask, mixtureSpace, normalizeWeights, REGMIX_DOMAINS, REGMIX_MIXTURE, type RegmixWeights } from "./regmix.js";
export { loadRegmix60mTask } from "./regmix-60m.js";
export { MmluAllocationTask, MMLU_PRICES_DATE, MMLU_PRICES_PER_MILLION_TOKENS } from "./routellm.js";
export { MMLU_GROUPS } from "./mmlu-groups.js";
export { syntheticTask } from "./synthetic.js";
export { checkpointLadderTask, LADDER_STEPS } from "./checkpoint-ladder.js";
export { loadGemstoneLrTask, loadGemstoneTask } from "./gemstone.js";
export { loadOpdaTask, OPDA_MODELS } from "./opda-deberta.js";
export { dataDir } from "./data-dir.js";
export { nearOptimalShareOf, nearOptimalShares } from "./near-optimal.js";
