import type { EncodedHistory } from "./encoded-history.js";

export interface GroupOptions {
  multivariate: boolean;
  group: boolean;
  conditional: boolean;
}

/**
 * Which parameters share one joint density, as lists of coordinate indices.
 *
 * - univariate: each parameter alone;
 * - multivariate, unconditional space: all together;
 * - multivariate with `group` (Optuna's group decomposition): parameters active in exactly
 *   the same trials form a group, so each joint density is fitted on the trials where all
 *   its parameters exist;
 * - multivariate without `group`: the parameters active in every trial together, the
 *   others alone.
 */
export function parameterGroups(history: EncodedHistory, numbers: ArrayLike<number>, options: GroupOptions): number[][] {
  const d = history.dimensions;
  const all = Array.from({ length: d }, (_, j) => j);
  if (!options.multivariate) return all.map((j) => [j]);
  if (!options.conditional) return d > 0 ? [all] : [];
  if (!options.group) {
    const always = all.filter((j) => Array.prototype.every.call(numbers, (n: number) => !Number.isNaN(history.value(n, j))));
    const rest = all.filter((j) => !always.includes(j)).map((j) => [j]);
    return always.length > 0 ? [always, ...rest] : rest;
  }
  const groups = new Map<string, number[]>();
  for (const j of all) {
    const key = activitySignature(history, numbers, j);
    const group = groups.get(key);
    if (group) group.push(j);
    else groups.set(key, [j]);
  }
  return [...groups.values()];
}

/** Two 32-bit hashes and a count of the trials in which coordinate j is active. */
function activitySignature(history: EncodedHistory, numbers: ArrayLike<number>, j: number): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9;
  let count = 0;
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i];
    if (Number.isNaN(history.value(n, j))) continue;
    count++;
    h1 = Math.imul(h1 ^ n, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ (n + 0x7f4a7c15), 0x85ebca6b) >>> 0;
    h2 ^= h2 >>> 13;
  }
  return `${count}:${h1}:${h2}`;
}
