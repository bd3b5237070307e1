import type { Proposal } from "../samplers/spec.js";
import type { Config } from "../space/index.js";
import type { TrialRecord } from "../storage/spec.js";
import { configKey } from "./config-key.js";
import type { FidelityLevels } from "./levels.js";

/**
 * The complete trial of `config` at the highest level below `level` (the latest of them on a
 * tie), or undefined: the run a trial of `config` at `level` continues, when the levels are
 * checkpoints of one run.
 */
export function resumeFrom(byLevel: readonly (readonly TrialRecord[])[], config: Config, level: number): number | undefined {
  const key = configKey(config);
  for (let below = Math.min(level, byLevel.length) - 1; below >= 0; below--) {
    let found: number | undefined;
    for (const trial of byLevel[below]) if (trial.state === "complete" && configKey(trial.config) === key) found = trial.number;
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A scheduler's proposal of `config` at level `level`, naming the trial whose run it continues (if any). */
export function proposalAt(levels: FidelityLevels, byLevel: readonly (readonly TrialRecord[])[], config: Config, level: number): Proposal {
  const from = resumeFrom(byLevel, config, level);
  return { config: { ...config }, fidelity: { ...levels.levels[level].fidelity }, ...(from !== undefined ? { resumeFrom: from } : {}) };
}
