import { rngFor } from "../../math/index.js";
import type { Config, Param, Space, Value } from "../../space/index.js";
import { decodeValue } from "../../space/index.js";
import type { Proposal, Sampler, SamplerContext } from "../spec.js";
import { EncodedHistory } from "./encoded-history.js";
import { resolveTpeOptions, type TpeSamplerOptions } from "./options.js";
import { parameterGroups } from "./parameter-groups.js";
import { domainOf, type ParamDomain } from "./param-domain.js";
import { explorationShare, exploreBranch } from "./branch-exploration.js";
import { proposeCoordinates, type TrialCoordinates } from "./propose.js";
import { splitTrials } from "./split-trials.js";
import { withSimplexCoordinates } from "../simplex-coordinates.js";

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011, "Algorithms for Hyper-Parameter
 * Optimization"; multivariate TPE of Falkner et al. 2018; Optuna's `TPESampler`). After
 * `startupTrials` random trials it splits the ranked trials into a good group (the best
 * gamma(n)) and the rest, fits a Parzen estimator to each, l(x) and g(x), draws
 * `candidates` points from l and proposes the one maximizing l(x)/g(x).
 *
 * - Spaces: floats (log scale modelled in log), ints, steps and ordinals (discretised
 *   normal kernels over each value's cell), categoricals (a kernel that puts extra mass on
 *   the observed choice), conditional parameters (a joint density per group of parameters
 *   active together, see `group`).
 * - Several objectives (MOTPE, Ozaki et al. 2022): the good group is chosen by
 *   non-dominated sorting, the last front cut by greedy hypervolume subset selection, and
 *   good kernels are weighted by their hypervolume contribution.
 * - Conditional spaces: a branch's own parameters are split by the ranks of that branch's
 *   trials (see branchSplit in propose.ts), and a share of proposals explores branches
 *   (branch-choosing parameters drawn afresh, favouring the least-tried branches): at
 *   least `branchExploration`, more as the best trial ages (see branch-exploration.ts),
 *   so no branch is abandoned for good.
 * - Constraints: feasible trials rank before infeasible ones, which are ordered by total
 *   violation (Optuna's default constraint handling).
 * - Pruned trials rank after complete ones by their last intermediate value (deeper steps
 *   first); with several objectives they are ignored. Failed trials are ignored.
 * - `constantLiar`: running (and queued) trials join g(x) as the worst outcome, so parallel
 *   workers do not propose the same point.
 *
 * The proposal depends only on (seed, trial number, trials): every draw comes from the
 * context's Rng. The encoded history is cached between asks, so an ask at trial 1000
 * costs well under a millisecond on a small space.
 *
 * Options and defaults: `seed` 0, `startupTrials` 10, `candidates` 24, `multivariate`
 * true, `group` true, `gamma` min(ceil(0.1 n), 25) (or a fraction of n), `priorWeight` 1,
 * `considerMagicClip` true, `considerEndpoints` false, `constantLiar` false,
 * `branchExploration` 0.1.
 *
 * @example
 * const study = await createStudy({ name: "tpe-demo", storage: "memory:", space, direction: "maximize",
 *   sampler: tpeSampler({ seed: 1 }) });
 * await study.optimize(objective, { budget: { trials: 100 } });
 */
export function tpeSampler(options: TpeSamplerOptions = {}): Sampler {
  const resolved = resolveTpeOptions(options);
  let history: EncodedHistory | null = null;
  const historyFor = (space: Space): EncodedHistory => {
    if (history?.space !== space) history = new EncodedHistory(space);
    return history;
  };

  return withSimplexCoordinates({
    name: "tpe",
    seed: resolved.seed,
    doAsk(ctx: SamplerContext): Proposal {
      const space = ctx.space;
      if (space.size === 0) return { config: {} };
      const split = splitTrials(ctx.trials, ctx.objectives, { ...resolved, ranking: space.isConditional });
      if (split.ranked < resolved.startupTrials) return { config: space.sample(ctx.rng) };
      const encoded = historyFor(space);
      encoded.refresh(ctx.trials);
      const used = new Int32Array(split.below.length + split.above.length);
      used.set(split.below);
      used.set(split.above, split.below.length);
      const groups = parameterGroups(encoded, used, {
        multivariate: resolved.multivariate,
        group: resolved.group,
        conditional: space.isConditional,
      });
      const branchGroups = space.isConditional ? groups.map((group) => group.some((j) => space.params[space.names[j]].when !== undefined)) : undefined;
      const coordinates = proposeCoordinates(encoded, split, groups, resolved, ctx.rng, branchGroups);
      if (space.isConditional && resolved.branchExploration > 0 && ctx.rng.random() < explorationShare(split, resolved.branchExploration)) {
        return { config: exploreBranch(space, encoded, used, coordinates, ctx.rng) };
      }
      return { config: decodeConfig(space, encoded.domains, coordinates) };
    },
    doSampleParam(ctx: SamplerContext, name: string, param: Param): Value {
      // Define-by-run: one univariate step on the trials that used this parameter. Each
      // parameter of a trial gets its own stream, since ctx.rng is per trial.
      const rng = rngFor(resolved.seed, "tpe-param", ctx.trialNumber, name);
      const split = splitTrials(ctx.trials, ctx.objectives, resolved);
      if (split.ranked < resolved.startupTrials) return decodeValue(param, rng.random());
      const domain = domainOf(param);
      const coordinates = new Map<number, number>();
      for (const trial of ctx.trials) {
        if (!Object.hasOwn(trial.config, name)) continue;
        const x = domain.encode(trial.config[name]);
        if (!Number.isNaN(x)) coordinates.set(trial.number, x);
      }
      const view: TrialCoordinates = { domains: [domain], value: (number) => coordinates.get(number) ?? NaN };
      return domain.decode(proposeCoordinates(view, split, [[0]], resolved, rng)[0]);
    },
  }, "stick-breaking");
}

/**
 * Multi-objective TPE: the same sampler (it handles several objectives by itself) under
 * the name "motpe", for configurations that name the algorithm.
 *
 * @example
 * const study = await createStudy({ name: "motpe-demo", storage: "memory:", space,
 *   objectives: [{ name: "accuracy", direction: "maximize" }, { name: "usd", direction: "minimize" }],
 *   sampler: motpeSampler({ seed: 1 }) });
 */
export function motpeSampler(options: TpeSamplerOptions = {}): Sampler {
  return { ...tpeSampler(options), name: "motpe" };
}

/** The configuration at model coordinates: active parameters only, in dependency order. */
function decodeConfig(space: Space, domains: readonly ParamDomain[], coordinates: Float64Array): Config {
  const config: Config = {};
  space.names.forEach((name, j) => {
    if (space.isActive(name, config)) config[name] = domains[j].decode(coordinates[j]);
  });
  return config;
}
