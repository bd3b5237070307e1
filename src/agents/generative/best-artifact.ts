import type { Space } from "../../space/index.js";
import type { Objective, TrialRecord } from "../../storage/spec.js";
import { artifactKey, isBetter, meanScore, recordOf } from "./loop-state.js";

/** What `bestArtifact` reads: a Study or a SamplerContext both fit. */
export interface ArtifactHistory {
  trials: readonly TrialRecord[];
  objectives: readonly Objective[];
  space: Space;
}

/** The artifact chosen on the validation set. */
export interface ArtifactChoice {
  /** The earliest version with this artifact. */
  version: number;
  /** Trainable parameter -> text. */
  artifact: Record<string, string>;
  /** The whole configuration of its first validation trial (other parameters included). */
  config: TrialRecord["config"];
  /** Mean of the first objective over its complete validation trials. */
  validationScore: number;
  /** Numbers of those validation trials. */
  validationTrials: number[];
}

/**
 * The artifact with the best validation score: the mean of the first objective over the
 * complete validation trials (`userAttrs.generative.split = "validation"`) that ran it.
 * Versions with the same text share their trials; a tie goes to the earliest version.
 * Training scores are never used (they are noisy minibatch scores the LLM was fitted to).
 * Returns null when no validation trial has completed (e.g. `validation: false`).
 *
 * @example
 * const choice = bestArtifact(study);
 * if (choice) console.log(choice.version, choice.validationScore, choice.artifact.system_prompt);
 */
export function bestArtifact(history: ArtifactHistory, options: { trainable?: readonly string[] } = {}): ArtifactChoice | null {
  const objective = history.objectives[0];
  const trainable = options.trainable ?? history.space.names.filter((name) => history.space.params[name].type === "text");
  const groups = new Map<string, { version: number; trials: TrialRecord[] }>();
  for (const trial of history.trials) {
    const record = trial ? recordOf(trial) : null;
    if (!record || record.split !== "validation") continue;
    const artifact = artifactOf(trial, trainable);
    const key = artifactKey(artifact, trainable);
    const group = groups.get(key) ?? { version: record.version, trials: [] };
    group.version = Math.min(group.version, record.version);
    group.trials.push(trial);
    groups.set(key, group);
  }
  let best: ArtifactChoice | null = null;
  for (const group of groups.values()) {
    const score = meanScore(group.trials);
    if (!score) continue;
    const complete = group.trials.filter((trial) => trial.state === "complete").sort((a, b) => a.number - b.number);
    const candidate: ArtifactChoice = {
      version: group.version,
      artifact: artifactOf(complete[0], trainable),
      config: { ...complete[0].config },
      validationScore: score.mean,
      validationTrials: complete.map((trial) => trial.number),
    };
    if (!best || isBetter(candidate.validationScore, best.validationScore, objective) || (candidate.validationScore === best.validationScore && candidate.version < best.version)) {
      best = candidate;
    }
  }
  return best;
}

function artifactOf(trial: TrialRecord, trainable: readonly string[]): Record<string, string> {
  const artifact: Record<string, string> = {};
  for (const name of trainable) {
    const value = trial.config[name];
    if (typeof value === "string") artifact[name] = value;
  }
  return artifact;
}
