import { rngFor } from "../math/index.js";
import { InvalidFidelityError } from "./invalid-fidelity-error.js";

/** Permutations by (total, seed); a handful are in use at once, so a small cache suffices. */
const permutations = new Map<string, Uint32Array>();
const MAX_CACHED = 16;

/**
 * The example indices an `examples` fidelity of `size` stands for: the first `size`
 * entries of a permutation of 0..totalExamples-1 drawn from `seed`. Every configuration
 * scored at that size sees the same examples (so scores are paired), and a larger subset
 * contains every smaller one (so a promotion only adds examples).
 *
 * @example
 * const ids = exampleSubset(1000, 30, 7); // 30 distinct indices in [0, 1000)
 * exampleSubset(1000, 90, 7).slice(0, 30); // the same 30 first
 */
export function exampleSubset(totalExamples: number, size: number, seed: number): number[] {
  if (!Number.isInteger(totalExamples) || totalExamples < 0) {
    throw new InvalidFidelityError(`totalExamples must be an integer >= 0, got ${totalExamples}`);
  }
  if (!Number.isInteger(size) || size < 0 || size > totalExamples) {
    throw new InvalidFidelityError(`subset size must be an integer from 0 to ${totalExamples}, got ${size}`);
  }
  return Array.from(permutation(totalExamples, seed).subarray(0, size));
}

function permutation(total: number, seed: number): Uint32Array {
  const key = `${total}:${seed}`;
  let order = permutations.get(key);
  if (!order) {
    order = new Uint32Array(total);
    for (let i = 0; i < total; i++) order[i] = i;
    const rng = rngFor(seed, "example-subset", total);
    for (let i = total - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    if (permutations.size >= MAX_CACHED) permutations.delete(permutations.keys().next().value as string);
    permutations.set(key, order);
  }
  return order;
}
