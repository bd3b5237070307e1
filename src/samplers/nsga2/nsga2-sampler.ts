import { z } from "zod";
import { integerOption, parseOptions, probabilityOption, seedOption } from "../../errors/index.js";
import type { Rng } from "../../math/index.js";
import type { Config, Space } from "../../space/index.js";
import type { Objective, TrialRecord } from "../../storage/spec.js";
import { GenerationLog } from "../generation-log.js";
import { isFeasible, lossesOf, violation } from "../history.js";
import type { Proposal, Sampler, SamplerContext } from "../spec.js";
import { rankSolutions, selectSurvivors, winsTournament, type Ranking } from "./survivor-selection.js";
import { polynomialMutation, sbxCoordinate } from "./variation.js";
import { withSimplexCoordinates } from "../simplex-coordinates.js";

export interface Nsga2SamplerOptions {
  /** Seeds selection, crossover and mutation (default 0). */
  seed?: number;
  /** Population size N: trials per generation and parents kept (default 50). */
  populationSize?: number;
  /** Probability that a child is a crossover of two parents rather than a copy of one (default 0.9). */
  crossoverProbability?: number;
  /** Probability that each active parameter of a child mutates (default 1 / number of active parameters). */
  mutationProbability?: number;
}

/** The options `nsga2Sampler` takes. */
export const nsga2OptionsSchema = z.strictObject({
  seed: seedOption,
  populationSize: integerOption(2, "an integer >= 2"),
  crossoverProbability: probabilityOption,
  mutationProbability: probabilityOption,
});

/** A completed trial as NSGA-II reads it. */
interface Member {
  readonly number: number;
  readonly values: number[];
  readonly config: Config;
  readonly losses: number[];
  readonly violation: number;
}

/** Parents after a generation, ranked for the tournaments. */
interface Parents {
  members: Member[];
  ranking: Ranking;
}

/**
 * NSGA-II (Deb, Pratap, Agarwal & Meyarivan, IEEE TEC 2002) for one or more objectives,
 * with Deb's constraint domination (feasible beats infeasible; lower total violation wins
 * between infeasible trials; trials with no constraints are feasible).
 *
 * Generations are rebuilt from the history like CMA-ES: the completed trials, in number
 * order, cut into chunks of N. The first chunk is drawn uniformly and becomes the parents;
 * after each further chunk the N best of parents ∪ chunk survive (non-dominated sorting,
 * then crowding distance on the front that overflows). Every trial of the next generation
 * takes two parents by binary tournament (lower rank, then larger crowding distance), crosses
 * them in the unit-cube encoding (with probability 0.9: simulated binary crossover for
 * floats, ints and ordinals, uniform crossover for categoricals) and mutates each parameter
 * with probability 1/n (polynomial mutation for numbers, a uniform draw for categoricals).
 * `space.decode` rounds integers and steps and keeps conditions valid: parameters the child
 * activates are drawn uniformly. Draws come from the trial's own stream, so the proposal
 * depends only on the seed, the trial number and the history.
 *
 * @example
 * const study = await createStudy({ name: "pareto", storage: "memory:", space,
 *   objectives: [{ name: "accuracy", direction: "maximize" }, { name: "cost", direction: "minimize" }],
 *   sampler: nsga2Sampler({ seed: 1, populationSize: 40 }) });
 * await study.optimize(objective, { budget: { trials: 400 } });
 */
export function nsga2Sampler(options: Nsga2SamplerOptions = {}): Sampler {
  const seed = options.seed ?? 0;
  const populationSize = options.populationSize ?? 50;
  const crossoverProbability = options.crossoverProbability ?? 0.9;
  parseOptions(nsga2OptionsSchema, options, "nsga2 sampler");
  let cache: { key: string; members: Map<number, Member>; log: GenerationLog<Member, Parents | null> } | null = null;

  return withSimplexCoordinates({
    name: "nsga2",
    seed,
    doAsk(ctx: SamplerContext): Proposal {
      const key = ctx.objectives.map((o) => o.direction).join(",");
      if (cache?.key !== key) cache = { key, members: new Map(), log: new GenerationLog<Member, Parents | null>(null) };
      const eligible = eligibleMembers(cache.members, ctx.trials, ctx.objectives, ctx.trialNumber);
      const parents = cache.log.sync(
        eligible,
        () => populationSize,
        (previous, generation) => {
          const members = previous ? selectSurvivors([...previous.members, ...generation], populationSize) : [...generation];
          return { members, ranking: rankSolutions(members) };
        },
      );
      if (!parents) return { config: ctx.space.sample(ctx.rng) };
      return { config: makeChild(ctx.space, parents, ctx.rng, crossoverProbability, options.mutationProbability) };
    },
  }, "stick-breaking");
}

/** Completed trials with finite values numbered below `before`, in number order (cached by number). */
function eligibleMembers(cache: Map<number, Member>, trials: readonly TrialRecord[], objectives: readonly Objective[], before: number): Member[] {
  const out: Member[] = [];
  for (const trial of trials) {
    if (trial.number >= before || trial.state !== "complete" || !trial.values) continue;
    let member = cache.get(trial.number);
    if (!member || member.values !== trial.values || member.config !== trial.config) {
      const losses = lossesOf(trial, objectives) ?? [];
      member = { number: trial.number, values: trial.values, config: trial.config, losses, violation: isFeasible(trial) ? 0 : violation(trial) };
      cache.set(trial.number, member);
    }
    if (member.losses.length === objectives.length && member.losses.every(Number.isFinite)) out.push(member);
  }
  return out;
}

/** Tournament, crossover and mutation in the unit-cube encoding; decode makes the child valid. */
function makeChild(space: Space, parents: Parents, rng: Rng, crossoverProbability: number, mutationProbability: number | undefined): Config {
  const pick = () => {
    const n = parents.members.length;
    const a = rng.int(n);
    const b = rng.int(n);
    return winsTournament(parents.ranking, a, b) ? a : b;
  };
  const first = space.encode(parents.members[pick()].config);
  const second = space.encode(parents.members[pick()].config);
  const crossed = rng.random() < crossoverProbability;
  const child = new Float64Array(first.length);
  for (let i = 0; i < child.length; i++) {
    const a = first[i];
    const b = second[i];
    if (!crossed || Number.isNaN(b)) child[i] = a;
    else if (Number.isNaN(a)) child[i] = b;
    else if (space.params[space.names[i]].type === "categorical") child[i] = rng.random() < 0.5 ? a : b;
    else child[i] = sbxCoordinate(a, b, rng);
  }
  let active = 0;
  for (const u of child) if (!Number.isNaN(u)) active++;
  const probability = mutationProbability ?? 1 / Math.max(1, active);
  for (let i = 0; i < child.length; i++) {
    if (Number.isNaN(child[i])) {
      child[i] = rng.random(); // only read if the child activates this parameter
    } else if (rng.random() < probability) {
      child[i] = space.params[space.names[i]].type === "categorical" ? rng.random() : polynomialMutation(child[i], rng);
    }
  }
  return space.decode(child);
}

