import type { FidelityLevels } from "../../fidelity/index.js";
import { askInner, modelTrials } from "../../fidelity/inner-ask.js";
import { trialsByLevel } from "../../fidelity/trials-by-level.js";
import type { Rng } from "../../math/index.js";
import type { Sampler, SamplerContext } from "../../samplers/spec.js";
import { nearWeights, sampleWeights, type Config, type Space } from "../../space/index.js";
import type { TrialRecord } from "../../storage/spec.js";
import type { PlanItem } from "./spec.js";

/**
 * The configuration a plan item stands for, made when its trial is asked: the inner
 * sampler's proposal (fitted on one level's trials, as BOHB does: see `modelTrials`), a
 * step away from a good configuration, the policy's own configuration, or the configuration
 * of the trial being promoted. A promoted or anchor trial that cannot be found gives the
 * inner sampler's proposal instead.
 */
export async function configOf(item: PlanItem, ctx: SamplerContext, inner: Sampler, levels: FidelityLevels): Promise<Config> {
  if (item.kind === "config") return { ...item.config };
  if (item.kind === "promote" || item.kind === "near") {
    const source = trialByNumber(ctx.trials, item.trial);
    if (source) return item.kind === "promote" ? { ...source.config } : nearConfig(ctx.space, source.config, item.scale, ctx.rng);
  }
  const byLevel = trialsByLevel(ctx.trials, levels);
  return askInner(inner, ctx, modelTrials(byLevel, ctx.space.size + 2));
}

/** The trial numbered `number` (trials are in number order; another process's newest may be missing). */
export function trialByNumber(trials: readonly TrialRecord[], number: number): TrialRecord | undefined {
  const direct = trials[number];
  if (direct && direct.number === number) return direct;
  return trials.find((trial) => trial.number === number);
}

/**
 * A configuration near `config`: each unit-cube coordinate moved by a Gaussian step of sd
 * `scale` (clipped to the cube); inactive coordinates drawn uniformly, so a conditional
 * parameter that becomes active gets a value. Decoding snaps to steps, ints and categories.
 */
export function nearConfig(space: Space, config: Config, scale: number, rng: Rng): Config {
  const point = Array.from(space.encode(config), (u) => (Number.isNaN(u) ? rng.random() : Math.min(1 - 1e-9, Math.max(0, u + scale * rng.normal()))));
  const moved = space.decode(point);
  // The cube holds a simplex as one constant coordinate: move its weights by a Dirichlet step instead.
  for (const name of space.names) {
    const param = space.params[name];
    if (param.type === "simplex" && name in moved) moved[name] = name in config ? nearWeights(param, config[name], rng, scale) : sampleWeights(param, rng);
  }
  return space.check(moved).length === 0 ? moved : space.sample(rng);
}
