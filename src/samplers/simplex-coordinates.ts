import { alr, alrInverse, ilr, ilrInverse, rngFor, simplexToStickBreaking, stickBreakingToSimplex, withPseudoCount } from "../math/index.js";
import { compositionOf, concentrationOf, sampleWeights, Space, weightsFromComposition, type Config, type Param, type SimplexParam, type SpaceDefinition } from "../space/index.js";
import type { TrialRecord } from "../storage/spec.js";
import type { Proposal, Sampler, SamplerContext } from "./spec.js";

/**
 * How a sampler that models numbers sees a simplex parameter of k components: as k-1 float
 * coordinates named `<name>[0]` ... `<name>[k-2]` (with the parameter's `when`), in one of
 * three systems:
 * - `stick-breaking`: [0, 1]^(k-1), part i takes the Beta(c, (k-1-i)c) quantile of what is
 *   left; a uniform point is a draw of the prior Dirichlet(c), so uniform-cube samplers
 *   (QMC, TPE's prior, NSGA-II's operators) start from the prior. Exact corners are reachable.
 * - `ilr`: isometric log-ratio (Euclidean distance = Aitchison distance), for kernels (GP).
 * - `alr`: additive log-ratio against the last component, for CMA-ES.
 * Log-ratio systems add LOG_RATIO_PSEUDO_COUNT to each part before taking logs and take it
 * off on the way back, so a coordinate at the box edge is a weight of exactly 0; the box is
 * [-B, B] with B the log-ratio of a part of 1 to a part of the pseudo-count.
 */
export type SimplexCoordinates = "stick-breaking" | "ilr" | "alr";

/** Every SimplexCoordinates, for option checks. */
export const SIMPLEX_COORDINATES: readonly SimplexCoordinates[] = ["stick-breaking", "ilr", "alr"];

/** Added to each part of a composition before log-ratio coordinates are taken. */
export const LOG_RATIO_PSEUDO_COUNT = 1e-3;

/** A space with each simplex replaced by its coordinates, and the maps between the two forms of a configuration. */
export interface SimplexView {
  /** The space the wrapped sampler models: every simplex parameter replaced by k-1 floats. */
  space: Space;
  /** A configuration of the original space in coordinates. */
  lift(config: Config): Config;
  /** A configuration of `space` as the original space's configuration (weights objects). */
  lower(config: Config): Config;
  /** Trials with their configurations lifted (cached per configuration object, so samplers' caches keep working). */
  trials(trials: readonly TrialRecord[]): TrialRecord[];
}

/** The coordinate names of a simplex parameter. */
export function coordinateNames(name: string, param: SimplexParam): string[] {
  return param.components.slice(0, -1).map((_, i) => `${name}[${i}]`);
}

const views = new WeakMap<Space, Map<SimplexCoordinates, SimplexView>>();

/** The view of `space` in `system`, or null when the space has no simplex (cached per space object). */
export function simplexView(space: Space, system: SimplexCoordinates): SimplexView | null {
  if (!space.hasSimplex) return null;
  let bySystem = views.get(space);
  if (!bySystem) views.set(space, (bySystem = new Map()));
  let view = bySystem.get(system);
  if (!view) bySystem.set(system, (view = buildView(space, system)));
  return view;
}

function buildView(original: Space, system: SimplexCoordinates): SimplexView {
  const definition: SpaceDefinition = {};
  const simplexes: [string, SimplexParam][] = [];
  for (const [name, param] of Object.entries(original.toJSON())) {
    if (param.type !== "simplex") {
      definition[name] = param;
      continue;
    }
    simplexes.push([name, param]);
    const bound = system === "stick-breaking" ? 0 : logRatioBound(param.components.length);
    for (const coordinate of coordinateNames(name, param)) {
      const float: Param = system === "stick-breaking" ? { type: "float", low: 0, high: 1 } : { type: "float", low: -bound, high: bound };
      definition[coordinate] = param.when ? { ...float, when: param.when } : float;
    }
  }
  const space = Space.parse(definition);
  const lift = (config: Config): Config => {
    const out: Config = { ...config };
    for (const [name, param] of simplexes) {
      if (!(name in config)) continue;
      delete out[name];
      const point = toCoordinates(param, compositionOf(param, config[name]), system);
      coordinateNames(name, param).forEach((coordinate, i) => (out[coordinate] = point[i]));
    }
    return out;
  };
  const lower = (config: Config): Config => {
    const out: Config = { ...config };
    for (const [name, param] of simplexes) {
      const names = coordinateNames(name, param);
      if (!(names[0] in config)) continue;
      for (const coordinate of names) delete out[coordinate];
      out[name] = weightsFromComposition(param, fromCoordinates(param, names.map((c) => config[c] as number), system));
    }
    return out;
  };
  const liftedConfigs = new WeakMap<Config, Config>();
  const trials = (records: readonly TrialRecord[]): TrialRecord[] =>
    records.map((record) => {
      let config = liftedConfigs.get(record.config);
      if (!config) liftedConfigs.set(record.config, (config = lift(record.config)));
      return { ...record, config };
    });
  return { space, lift, lower, trials };
}

/** The half-width of the log-ratio box: ln((1 + k d) / d) for pseudo-count d, the largest log-ratio of two pseudo-counted parts. */
function logRatioBound(k: number): number {
  return Math.log((1 + k * LOG_RATIO_PSEUDO_COUNT) / LOG_RATIO_PSEUDO_COUNT);
}

function toCoordinates(param: SimplexParam, x: number[], system: SimplexCoordinates): number[] {
  if (system === "stick-breaking") return simplexToStickBreaking(x, concentrationOf(param));
  const shifted = withPseudoCount(x, LOG_RATIO_PSEUDO_COUNT);
  const bound = logRatioBound(x.length);
  return (system === "ilr" ? ilr(shifted) : alr(shifted)).map((v) => Math.max(-bound, Math.min(bound, v)));
}

function fromCoordinates(param: SimplexParam, point: number[], system: SimplexCoordinates): number[] {
  if (system === "stick-breaking") return stickBreakingToSimplex(point, concentrationOf(param));
  const shifted = system === "ilr" ? ilrInverse(point) : alrInverse(point);
  // Undo the pseudo-count: parts at or below it become exact zeros (sparse corners are reachable).
  const k = shifted.length;
  return shifted.map((v) => Math.max(0, v * (1 + k * LOG_RATIO_PSEUDO_COUNT) - LOG_RATIO_PSEUDO_COUNT));
}

/**
 * `sampler` modelling every simplex parameter in `system` coordinates: it is asked with the
 * space and trials lifted (simplexView) and its proposal is lowered back to weights. A simplex
 * suggested define-by-run is drawn from its Dirichlet prior. Spaces without a simplex pass
 * through untouched (same objects), so such studies behave exactly as before.
 */
export function withSimplexCoordinates(sampler: Sampler, system: SimplexCoordinates): Sampler {
  const wrapped: Sampler = {
    ...sampler,
    doAsk(ctx: SamplerContext): Proposal | Promise<Proposal> {
      const view = simplexView(ctx.space, system);
      if (!view) return sampler.doAsk(ctx);
      const proposal = sampler.doAsk({ ...ctx, space: view.space, trials: view.trials(ctx.trials) });
      const lower = (p: Proposal): Proposal => ({ ...p, config: view.lower(p.config) });
      return proposal instanceof Promise ? proposal.then(lower) : lower(proposal);
    },
  };
  if (sampler.doSampleParam) {
    const inner = sampler.doSampleParam.bind(sampler);
    wrapped.doSampleParam = (ctx, name, param) =>
      param.type === "simplex" ? sampleWeights(param, rngFor(sampler.seed, "simplex-param", ctx.trialNumber, name)) : inner(ctx, name, param);
  }
  if (sampler.doIsExhausted) {
    const inner = sampler.doIsExhausted.bind(sampler);
    wrapped.doIsExhausted = (ctx) => {
      const view = simplexView(ctx.space, system);
      return inner(view ? { ...ctx, space: view.space, trials: view.trials(ctx.trials) } : ctx);
    };
  }
  return wrapped;
}
