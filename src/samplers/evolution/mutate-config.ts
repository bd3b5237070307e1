import type { Rng } from "../../math/index.js";
import { cardinality, decodeValue, nearWeights, sampleWeights, type Config, type Param, type Space } from "../../space/index.js";

/**
 * Mutation for regularized evolution, done in the unit-cube encoding so that log scales,
 * integer rounding, steps and conditions all come from `space.decode`.
 */

/** Gaussian draws tried (with a doubling scale) before a numeric mutation gives up on changing the value. */
const MAX_ATTEMPTS = 8;

/**
 * A child of `parent`: one active parameter chosen uniformly is mutated, and every other
 * active one with probability 1 / (number of active parameters). A categorical takes
 * another choice uniformly; a float, int or ordinal moves by a normal step of standard
 * deviation `scale` in its unit coordinate (reflected at the ends), redrawn with a larger
 * step when it would decode to the same value. Parameters that the mutation makes active
 * are drawn uniformly; those it makes inactive are dropped. A simplex that mutates takes a
 * Dirichlet draw around its parent's mixture (nearWeights); one that does not keeps it.
 */
export function mutateConfig(space: Space, parent: Config, rng: Rng, scale: number): Config {
  const point = space.encode(parent);
  const active: number[] = [];
  for (let i = 0; i < point.length; i++) {
    if (Number.isNaN(point[i])) point[i] = rng.random();
    else active.push(i);
  }
  if (active.length === 0) return space.decode(point);
  const first = active[rng.int(active.length)];
  const mutated = new Set<number>();
  for (const i of active) {
    if (i !== first && rng.random() >= 1 / active.length) continue;
    mutated.add(i);
    point[i] = mutateCoordinate(space.params[space.names[i]], point[i], rng, scale);
  }
  const child = space.decode(point);
  // The unit-cube encoding holds a simplex as one constant coordinate: carry or mutate its weights here.
  space.names.forEach((name, i) => {
    const param = space.params[name];
    if (param.type !== "simplex" || !(name in child)) return;
    const inherited = parent[name];
    if (inherited === undefined) child[name] = sampleWeights(param, rng);
    else child[name] = mutated.has(i) ? nearWeights(param, inherited, rng, scale) : inherited;
  });
  return child;
}


/** A new unit coordinate for one parameter (see mutateConfig). */
export function mutateCoordinate(param: Param, u: number, rng: Rng, scale: number): number {
  if (param.type === "categorical") {
    const n = param.choices.length;
    if (n < 2) return u;
    const current = Math.min(n - 1, Math.floor(u * n));
    let next = rng.int(n - 1);
    if (next >= current) next++;
    return (next + 0.5) / n;
  }
  if (cardinality(param) < 2) return u;
  const before = decodeValue(param, u);
  let step = scale;
  let v = u;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++, step *= 2) {
    v = reflect(u + step * rng.normal());
    if (decodeValue(param, v) !== before) return v;
  }
  return v;
}

/** Folds a number into [0, 1] by reflecting at both ends. */
function reflect(v: number): number {
  const r = ((v % 2) + 2) % 2;
  return r > 1 ? 2 - r : r;
}
