import { rngFor } from "../../math/index.js";
import type { Proposal, Sampler, SamplerContext } from "../../samplers/spec.js";
import { sampleValue, type Config, type Space } from "../../space/index.js";
import { KnobsError } from "../../errors/index.js";
import type { Cost } from "../../storage/spec.js";
import { resolveAgentLlm } from "../core/index.js";
import { bestArtifact, type ArtifactChoice, type ArtifactHistory } from "./best-artifact.js";
import { checkGenerativeOptions, type CheckedGenerativeOptions, type GenerativeOptions } from "./generative-options.js";
import { artifactKey, GENERATIVE_ATTR, isFinished, readLoop, type GenerativeRecord, type Split, type VersionState } from "./loop-state.js";
import { runUpdate, type UpdateOutcome } from "./run-update.js";
import { trainableSetup, type TrainableSetup } from "./trainable-setup.js";

/** The generative optimizer: a Sampler that also says which artifact to keep. */
export interface GenerativeOptimizer extends Sampler {
  /** The artifact with the best validation score so far (see `bestArtifact`); null before any validation trial completed. */
  bestArtifact(history: ArtifactHistory): ArtifactChoice | null;
}

/** The fidelity of a validation trial, so the objective knows to score on the validation set. */
export const VALIDATION_FIDELITY = { split: "validation" } as const;

/**
 * Generative optimization (OptoPrime / OPRO style): an LLM improves the trainable text
 * parameters of the space (a prompt, a code module, a workflow as JSON) from the execution
 * feedback of finished trials. The learning loop's choices are explicit options:
 *
 * - `startingArtifact`: version 0 (default: the parameters' defaults);
 * - `minibatch`: once that many training trials of the current version have finished, the
 *   next ask runs an update on their feedback (the lowest-numbered ones);
 * - `creditHorizon`: how much of each trial's trace (`userAttrs.feedback`, then its error)
 *   the update prompt shows;
 * - `memory`: how many past updates (diff + training score before and after) it shows;
 * - `validation`: which versions get a validation trial (fidelity `{ split: "validation" }`,
 *   `userAttrs.generative.split = "validation"`); `bestArtifact` returns the best of those,
 *   never the best training score.
 *
 * Every trial carries `userAttrs.generative = { version, split }`; the first trial of a
 * version made by an update also carries `parent, diff, reasoning, template, minibatch,
 * attempts` (and `failure` when the update got no usable reply: then the artifact is kept
 * and the spend still charged). The update's LLM spend is the proposal's `optimizerCost`.
 * Non-trainable parameters take `fixed` values, else the `inner` sampler's, else one
 * random configuration held for the whole run. The state lives in the trials, so a resumed
 * study continues the same loop.
 *
 * @example
 * const study = await createStudy({ name: "prompt", storage: "memory:", direction: "maximize",
 *   space: { system_prompt: text("Classify the sentiment.") },
 *   sampler: generativeOptimizer({ llm: { model: "gpt-4o-mini" }, minibatch: 3, memory: 2 }) });
 * await study.optimize(objective, { budget: { trials: 30 } });
 * bestArtifact(study)?.artifact.system_prompt;
 */
export function generativeOptimizer(options: GenerativeOptions): GenerativeOptimizer {
  const checked = checkGenerativeOptions(options);
  const llm = resolveAgentLlm(options?.llm, "generative");
  // Caches only: a re-ask of the same trial (another process took its number) reuses the
  // update instead of paying for it twice; the proposal itself depends only on the trials.
  const updates = new Map<string, Promise<UpdateOutcome>>();
  const charged = new Set<string>();
  const setups = new WeakMap<Space, TrainableSetup>();
  const setupFor = (space: Space): TrainableSetup => {
    let setup = setups.get(space);
    if (!setup) setups.set(space, (setup = trainableSetup(space, checked)));
    return setup;
  };

  return {
    name: "generative",
    seed: checked.seed,
    async doAsk(ctx: SamplerContext): Promise<Proposal> {
      const objective = ctx.objectives[0];
      if (!objective) throw new KnobsError("no_objective", "the generative optimizer needs an objective to improve");
      const setup = setupFor(ctx.space);
      const loop = readLoop(ctx.trials, setup.names, setup.starting, ctx.trialNumber);
      let versions = loop.versions;
      let version = loop.current;
      let made: UpdateOutcome | null = null;
      let cost: Cost = {};
      if (!wantsValidation(versions, version, setup, checked)) {
        const finished = version.train.filter(isFinished).sort((a, b) => a.number - b.number);
        if (finished.length >= checked.minibatch) {
          const minibatch = finished.slice(0, checked.minibatch);
          const key = `${ctx.trials[0]?.studyId ?? 0}:${version.version}:${minibatch.map((trial) => trial.number).join(",")}`;
          let pending = updates.get(key);
          if (!pending) {
            pending = runUpdate({ llm, options: checked, objective, params: setup.params, versions, minibatch, rolloutId: `generative:seed=${checked.seed}:version=${version.version + 1}` });
            updates.set(key, pending);
            pending.catch(() => updates.delete(key));
          }
          made = await pending;
          if (!charged.has(key)) {
            charged.add(key);
            cost = made.cost;
          }
          version = { version: version.version + 1, artifact: made.artifact, update: null, firstTrial: null, train: [], validation: [] };
          versions = [...versions, version];
        }
      }
      const split: Split = wantsValidation(versions, version, setup, checked) ? "validation" : "train";
      const record: GenerativeRecord = { version: version.version, split, ...(made ? made.record : {}) };
      const config = await composeConfig(ctx, setup, version.artifact, checked);
      return {
        config,
        ...(split === "validation" ? { fidelity: { ...VALIDATION_FIDELITY } } : {}),
        userAttrs: { [GENERATIVE_ATTR]: record },
        ...(Object.keys(cost).length > 0 ? { optimizerCost: cost } : {}),
      };
    },
    bestArtifact(history: ArtifactHistory): ArtifactChoice | null {
      return bestArtifact(history, checked.trainable ? { trainable: checked.trainable } : {});
    },
  };
}

/**
 * A version is due a validation trial when validation is on, its number is a multiple of
 * `every` (version 0 always is), and fewer than `trials` validation trials have run its
 * artifact text (in this or an earlier version with the same text).
 */
function wantsValidation(versions: readonly VersionState[], version: VersionState, setup: TrainableSetup, options: CheckedGenerativeOptions): boolean {
  if (!options.validation || version.version % options.validation.every !== 0) return false;
  const key = artifactKey(version.artifact, setup.names);
  const done = versions.reduce((count, other) => count + (artifactKey(other.artifact, setup.names) === key ? other.validation.length : 0), 0);
  return done < options.validation.trials;
}

/**
 * The configuration of a proposal, built in dependency order so conditions hold:
 * trainable parameters hold the artifact, others take `fixed`, then the inner sampler's
 * value or the held configuration, then (a parameter those left inactive) a value drawn
 * from the seed.
 */
async function composeConfig(ctx: SamplerContext, setup: TrainableSetup, artifact: Record<string, string>, options: CheckedGenerativeOptions): Promise<Config> {
  const base = options.inner ? (await options.inner.doAsk(ctx)).config : ctx.space.sample(rngFor(options.seed, "generative", "held"));
  const config: Config = {};
  for (const name of ctx.space.names) {
    if (!ctx.space.isActive(name, config)) continue;
    if (setup.names.includes(name)) config[name] = artifact[name];
    else if (name in options.fixed) config[name] = options.fixed[name];
    else if (name in base) config[name] = base[name];
    else config[name] = sampleValue(ctx.space.params[name], rngFor(options.seed, "generative", "held", name));
  }
  return ctx.space.validate(config, "generative optimizer proposal");
}
