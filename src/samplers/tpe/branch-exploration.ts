import type { Rng } from "../../math/index.js";
import type { Config, Space } from "../../space/index.js";
import { decodeValue } from "../../space/index.js";
import type { ParamDomain } from "./param-domain.js";
import type { TrialCoordinates } from "./propose.js";
import type { TrialSplit } from "./split-trials.js";

/**
 * The chance that a proposal in a conditional space explores branches: `floor` (the
 * `branchExploration` option), or the fraction of ranked trials that came after the best
 * one when that is larger. While the best trial is recent, the model's branch is paying
 * off and TPE follows it; once most trials since have failed to beat it, the branch looks
 * exhausted, and a branch whose floor is lower but whose first trials scored worse (a
 * narrow valley, say) gets the trials it needs to be descended. With several objectives
 * (no single best trial) the share stays at `floor`.
 */
export function explorationShare(split: TrialSplit, floor: number): number {
  const ranking = split.ranking;
  if (!ranking || ranking.length === 0 || split.ranked === 0) return floor;
  // The ranking breaks ties by trial number, so this is the first trial to reach the best value.
  const best = ranking[0];
  let since = 0;
  for (let i = 1; i < ranking.length; i++) if (ranking[i] > best) since++;
  return Math.max(floor, since / split.ranked);
}

/** Configurations drawn per exploring proposal; the one on the least-tried branch is kept. */
const EXPLORATION_DRAWS = 4;

/**
 * An exploring proposal: the parameters that choose branches (those another parameter's
 * `when` names) are drawn uniformly, the branch's own parameters keep their model
 * coordinates. Of EXPLORATION_DRAWS such draws it keeps the one whose branch (the set of
 * active parameters) the fewest of the `used` trials took, the first on ties, so the
 * branches TPE has neglected are the ones explored.
 */
export function exploreBranch(
  space: Space,
  history: TrialCoordinates,
  used: Int32Array,
  coordinates: Float64Array,
  rng: Rng,
): Config {
  const choosers = new Set<string>();
  for (const name of space.names) for (const other of Object.keys(space.params[name].when ?? {})) choosers.add(other);
  let kept: Config = {};
  let keptCount = Infinity;
  for (let draw = 0; draw < EXPLORATION_DRAWS; draw++) {
    const config = drawBranch(space, history.domains, coordinates, choosers, rng);
    const count = trialsOnBranch(space, history, used, config, keptCount);
    if (count < keptCount) {
      kept = config;
      keptCount = count;
    }
  }
  return kept;
}

function drawBranch(space: Space, domains: readonly ParamDomain[], coordinates: Float64Array, choosers: ReadonlySet<string>, rng: Rng): Config {
  const config: Config = {};
  space.names.forEach((name, j) => {
    if (!space.isActive(name, config)) return;
    config[name] = choosers.has(name) ? decodeValue(space.params[name], rng.random()) : domains[j].decode(coordinates[j]);
  });
  return config;
}

/** How many of the `used` trials had exactly the parameters of `config` active (counting stops at `enough`). */
function trialsOnBranch(space: Space, history: TrialCoordinates, used: Int32Array, config: Config, enough: number): number {
  const active = space.names.map((name) => Object.hasOwn(config, name));
  let count = 0;
  for (let i = 0; i < used.length && count < enough; i++) {
    let same = true;
    for (let j = 0; j < active.length && same; j++) same = active[j] === !Number.isNaN(history.value(used[i], j));
    if (same) count++;
  }
  return count;
}
