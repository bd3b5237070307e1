import { rngFor } from "../math/index.js";
import type { Proposal, Sampler, SamplerContext } from "../samplers/spec.js";
import type { Config } from "../space/index.js";
import type { TrialRecord } from "../storage/spec.js";
import { configKey } from "./config-key.js";
import type { FidelityLevels } from "./levels.js";
import { resumeFrom } from "./proposal-at.js";
import { rankDistinct } from "./rank-trials.js";
import { levelResources, rungLadder, type RungLadder } from "./rung-ladder.js";
import { isFinished, trialsByLevel } from "./trials-by-level.js";

/**
 * Default of `stallLimit`: repeated (configuration, level) proposals tolerated in a run. 0: a
 * repeat is replaced by progress at once, since re-running a configuration at a level it ran
 * at tells a scheduler (which ranks each configuration by its best result) nothing new.
 */
export const DEFAULT_STALL_LIMIT = 0;
/** Draws from the space when looking for a configuration not yet run at a level. */
const FRESH_DRAWS = 200;
/** Budget names that are no cost. */
const NOT_COSTS = new Set(["trials", "wall"]);

/** What the guard needs of a scheduler's resolved options. */
export interface ProgressOptions {
  seed: number;
  eta: number;
  /** The whole fidelity ladder. */
  levels: FidelityLevels;
  stallLimit: number;
  /** The study's budget (trials, wall, costs), when the scheduler was told it. */
  budget: Readonly<Record<string, number>> | null;
  costName: string | null;
  /** True when the levels lie on one run, so a promotion pays only the difference. */
  continues: boolean;
}

/** A scheduler's own decision, on the rungs the guard chose for this ask. */
export type RungDecision = (ctx: SamplerContext, rungs: RungLadder) => Promise<Proposal>;

/**
 * Wraps a scheduler's decision so that no run stalls on its ladder (issue 16):
 *
 * - the scheduler works on the rungs of `rungLadder` (by resource, free and tied levels
 *   skipped), rebuilt at every ask from the trials; `exclude` adds levels it judged itself;
 * - **endgame**: with a budget, when the remaining trials are down to one, or the remaining
 *   cost covers only one more top-level evaluation of the best configuration not yet at the
 *   top (ranked at the highest rung where it ran), that configuration runs at the top; and
 *   once one top-level evaluation's worth is spent below the top with no top-level result
 *   yet, the best configuration so far runs there (`first-top`);
 * - a proposal of a (configuration, level) already run or running is a **repeat**: it is
 *   replaced by a configuration not yet run at that level when the space still has one;
 *   otherwise it counts against `stallLimit`, and once a run holds that many repeats, every
 *   further one is replaced by **progress**: the best configuration of the highest rung
 *   (else level) that has one not yet run higher, promoted to the next rung up;
 * - every proposal names the trial whose run it continues (`resumeFrom`), on the whole ladder.
 *
 * When the rungs are not the whole ladder, a proposal records in `userAttrs.fidelity` the rungs
 * (level indices of the whole ladder) and the levels skipped with why; when the guard or the scheduler decided something
 * unusual, also `decision` and `reason`.
 */
export function guardedScheduler(
  name: string,
  options: ProgressOptions,
  decide: RungDecision,
  exclude?: (ctx: SamplerContext, byLevel: readonly (readonly TrialRecord[])[]) => ReadonlySet<number>,
): Sampler {
  const { levels } = options;
  return {
    name,
    seed: options.seed,
    async doAsk(ctx: SamplerContext): Promise<Proposal> {
      const byLevel = trialsByLevel(ctx.trials, levels);
      const rungs = rungLadder(levels, byLevel, { eta: options.eta, configurations: ctx.space.cardinality, exclude: exclude?.(ctx, byLevel) });
      const endgame = endgameProposal(ctx, options, byLevel, rungs);
      let proposal = endgame ?? (await decide(ctx, rungs));
      const level = levels.indexOf(proposal.fidelity ?? null);
      if (!endgame && level >= 0 && ranAt(byLevel[level], proposal.config)) proposal = replaceRepeat(ctx, options, byLevel, rungs, proposal, level);
      const at = levels.indexOf(proposal.fidelity ?? null);
      const { resumeFrom: _previous, ...rest } = proposal;
      const from = at >= 0 ? resumeFrom(byLevel, proposal.config, at) : undefined;
      const subset = rungs.indices.length < levels.count;
      const record = { ...(subset ? { rungs: rungs.indices } : {}), ...(rungs.skipped.length > 0 ? { skipped: rungs.skipped } : {}), ...(proposal.userAttrs?.fidelity as object | undefined) };
      const userAttrs = Object.keys(record).length > 0 ? { userAttrs: { ...proposal.userAttrs, fidelity: record } } : {};
      return { ...rest, ...userAttrs, ...(from !== undefined ? { resumeFrom: from } : {}) };
    },
  };
}

/** True when `config` has a running or complete trial among `trials`. */
function ranAt(trials: readonly TrialRecord[], config: Config): boolean {
  const key = configKey(config);
  return trials.some((trial) => (trial.state === "complete" || trial.state === "running") && configKey(trial.config) === key);
}

/** Trials that repeated a (configuration, level) run before them. */
export function countRepeats(trials: readonly TrialRecord[]): number {
  const seen = new Set<string>();
  let repeats = 0;
  for (const trial of trials) {
    if (!trial || trial.state === "queued") continue;
    const key = `${configKey(trial.config)}@${configKey(trial.fidelity)}`;
    if (seen.has(key)) repeats++;
    else seen.add(key);
  }
  return repeats;
}

function withDecision(proposal: Proposal, decision: string, reason: string): Proposal {
  return { ...proposal, userAttrs: { ...proposal.userAttrs, fidelity: { decision, reason } } };
}

function replaceRepeat(ctx: SamplerContext, options: ProgressOptions, byLevel: readonly (readonly TrialRecord[])[], rungs: RungLadder, proposal: Proposal, level: number): Proposal {
  const label = JSON.stringify(proposal.fidelity);
  const taken = new Set<string>();
  for (const trial of byLevel[level]) if (trial.state === "complete" || trial.state === "running") taken.add(configKey(trial.config));
  // A finite space whose every configuration ran at this level has no new one to draw.
  if (taken.size < ctx.space.cardinality) {
    const rng = rngFor(options.seed, "fresh-configuration", ctx.trialNumber);
    for (let draw = 0; draw < FRESH_DRAWS; draw++) {
      const config = ctx.space.sample(rng);
      if (!taken.has(configKey(config))) return withDecision({ ...proposal, config }, "fresh", `the proposed configuration already ran at ${label}: a new one instead`);
    }
  }
  const repeats = countRepeats(ctx.trials);
  if (repeats < options.stallLimit) return withDecision(proposal, "repeat", `repeat ${repeats + 1} of at most ${options.stallLimit} (stallLimit): every configuration already ran at ${label}`);
  const progress = progressProposal(byLevel, rungs, options.levels, ctx);
  if (progress) return withDecision(progress, "progress", `${repeats} repeated proposals reached the stall limit (${options.stallLimit}): the best configuration not yet run higher is promoted instead`);
  return withDecision(proposal, "repeat", "every configuration already ran at every rung");
}

/**
 * Levels to rank configurations at, most telling first: the rungs below the top, highest
 * first, then the other levels below the top (free, tied or skipped ones), highest first.
 */
function rankingLevels(rungs: RungLadder, count: number): number[] {
  const below = rungs.indices.slice(0, -1).reverse();
  for (let level = count - 2; level >= 0; level--) if (!below.includes(level)) below.push(level);
  return below;
}

/**
 * Progress: the best configuration of the most telling level (see `rankingLevels`) that has
 * one not yet started higher, promoted to the next rung above that level.
 */
function progressProposal(byLevel: readonly (readonly TrialRecord[])[], rungs: RungLadder, levels: FidelityLevels, ctx: SamplerContext): Proposal | null {
  for (const level of rankingLevels(rungs, levels.count)) {
    const above = new Set<string>();
    for (let higher = level + 1; higher < levels.count; higher++) for (const trial of byLevel[higher]) above.add(configKey(trial.config));
    const best = rankDistinct(byLevel[level], ctx.objectives).find((trial) => !above.has(configKey(trial.config)));
    const next = rungs.indices.find((rung) => rung > level) ?? levels.count - 1;
    if (best) return { config: { ...best.config }, fidelity: { ...levels.levels[next].fidelity } };
  }
  return null;
}

/**
 * The best configuration not yet at the top, ranked at the most telling level where
 * configurations completed (the highest informative checkpoint; see `rankingLevels`), with
 * that level; null when none.
 */
export function bestBelowTop(byLevel: readonly (readonly TrialRecord[])[], rungs: RungLadder, ctx: SamplerContext): { trial: TrialRecord; level: number } | null {
  const top = byLevel.length - 1;
  const atTop = new Set(byLevel[top].map((trial) => configKey(trial.config)));
  for (const level of rankingLevels(rungs, byLevel.length)) {
    const best = rankDistinct(byLevel[level], ctx.objectives).find((trial) => !atTop.has(configKey(trial.config)));
    if (best) return { trial: best, level };
  }
  return null;
}

function endgameProposal(ctx: SamplerContext, options: ProgressOptions, byLevel: readonly (readonly TrialRecord[])[], rungs: RungLadder): Proposal | null {
  const { budget, levels } = options;
  if (!budget || levels.count < 2) return null;
  const candidate = bestBelowTop(byLevel, rungs, ctx);
  if (!candidate) return null;
  const top = levels.count - 1;
  const fidelity = { ...levels.levels[top].fidelity };
  const started = ctx.trials.filter((trial) => trial && trial.state !== "queued").length;
  if (budget.trials !== undefined && budget.trials - started <= 1) {
    return withDecision({ config: { ...candidate.trial.config }, fidelity }, "endgame", "one trial left in the budget: the best configuration so far runs at the top");
  }
  const costName = options.costName ?? Object.keys(budget).find((name) => !NOT_COSTS.has(name)) ?? null;
  if (!costName || budget[costName] === undefined) return null;
  const costOf = (trial: TrialRecord) => (typeof trial.cost[costName] === "number" && Number.isFinite(trial.cost[costName]) ? trial.cost[costName] : 0);
  let spent = 0;
  for (const trial of ctx.trials) if (trial && isFinished(trial)) spent += costOf(trial);
  const predicted = predictTopCost(byLevel, levels, candidate.trial.config, candidate.level, costOf, options.continues);
  if (predicted === null) return null;
  const remaining = budget[costName] - spent;
  const noTopYet = !byLevel[top].some((trial) => trial.state === "complete" || trial.state === "running");
  if (noTopYet && spent >= predicted && remaining >= predicted) {
    return withDecision(
      { config: { ...candidate.trial.config }, fidelity },
      "first-top",
      `one top-level evaluation's worth (${predicted.toPrecision(3)} ${costName}) is spent below the top without a top-level result: the best configuration at ${JSON.stringify(levels.levels[candidate.level].fidelity)} runs at the top`,
    );
  }
  if (remaining < 2 * predicted && (remaining >= predicted || noTopYet)) {
    return withDecision(
      { config: { ...candidate.trial.config }, fidelity },
      "endgame",
      `the remaining budget (${remaining.toPrecision(3)} ${costName}) covers about one top-level evaluation (${predicted.toPrecision(3)}): the best configuration at ${JSON.stringify(levels.levels[candidate.level].fidelity)} runs at the top`,
    );
  }
  return null;
}

/**
 * Predicted cost of running `config` at the top: a top-level run's cost (the mean over
 * configurations complete there, their whole run when the levels continue), else the
 * configuration's cost at `level` scaled by the resources; minus what it already paid when
 * the levels lie on one run.
 */
function predictTopCost(
  byLevel: readonly (readonly TrialRecord[])[],
  levels: FidelityLevels,
  config: Config,
  level: number,
  costOf: (trial: TrialRecord) => number,
  continues: boolean,
): number | null {
  const top = levels.count - 1;
  const paidBy = (key: string) => {
    let total = 0;
    for (const trials of byLevel) for (const trial of trials) if (isFinished(trial) && configKey(trial.config) === key) total += costOf(trial);
    return total;
  };
  const key = configKey(config);
  const paid = continues ? paidBy(key) : 0;
  const tops = byLevel[top].filter((trial) => trial.state === "complete");
  let full: number | null = null;
  if (tops.length > 0) {
    const runs = tops.map((trial) => (continues ? paidBy(configKey(trial.config)) : costOf(trial)));
    full = runs.reduce((a, b) => a + b, 0) / runs.length;
  } else {
    const { resources } = levelResources(levels);
    const own = byLevel[level].find((trial) => isFinished(trial) && configKey(trial.config) === key);
    const at = continues ? paid : own ? costOf(own) : 0;
    if (resources[level] > 0 && at > 0) full = (at * resources[top]) / resources[level];
  }
  return full === null ? null : Math.max(0, full - paid);
}
