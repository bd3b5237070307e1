import type { TrialRecord } from "../storage/spec.js";
import { configKey } from "./config-key.js";
import { FidelityLevels, type FidelityLevel } from "./levels.js";
import { isFinished } from "./trials-by-level.js";

/** Relative spread under which a level's first results count as tied (0.1% of their magnitude). */
export const TIE_TOLERANCE = 1e-3;
/** Distinct configurations complete at a level before it can be judged tied. */
export const TIE_SAMPLE = 3;

/** Why a level of the ladder is no rung. */
export interface SkippedLevel {
  level: number;
  reason: "free" | "tied" | "excluded";
}

/** The rungs a scheduler runs on: a sub-ladder of the fidelity levels, ending at the top. */
export interface RungLadder {
  /** The rungs as levels (their fidelities are those of the full ladder; resource as below). */
  ladder: FidelityLevels;
  /** Index in the full ladder of each rung, lowest first; the last is the top. */
  indices: number[];
  /** Levels found to be no rung, and why. */
  skipped: SkippedLevel[];
}

export interface RungLadderOptions {
  /** Ratio between the resources of consecutive rungs. */
  eta: number;
  /** Distinct configurations of the search space (Infinity for a continuous one). */
  configurations: number;
  /** Levels a scheduler found misleading or uninformative on its own (see `mf`). */
  exclude?: ReadonlySet<number>;
}

/**
 * The resource of each level: the value of a numeric ordinal fidelity (a step, a token count,
 * a checkpoint number; 0 for an untrained checkpoint) when the ladder is one such parameter
 * with increasing values and default resources, else the level's own resource. `measured` is
 * false when the resources are only ranks (1, 2, 3... of an ordinal fidelity such as model
 * names): then no geometric subset is taken.
 */
export function levelResources(levels: FidelityLevels): { resources: number[]; measured: boolean } {
  const names = Object.keys(levels.kinds);
  const fromValues = levels.levels.map((level) => {
    if (names.length === 0 || names.some((name) => levels.kinds[name] !== "ordinal")) return null;
    if (level.resource !== level.index + 1) return null;
    let product = 1;
    for (const name of names) {
      const value = level.fidelity[name];
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) return null;
      product *= value;
    }
    return product;
  });
  const increasing = fromValues.every((value, i) => value !== null && (i === 0 || value > fromValues[i - 1]!));
  if (increasing) return { resources: fromValues as number[], measured: true };
  const resources = levels.levels.map((level) => level.resource);
  // Ordinal levels without numeric values or explicit resources have resources 1, 2, 3...: their rank, not an amount.
  const ranks = names.length > 0 && names.every((name) => levels.kinds[name] === "ordinal") && levels.levels.every((level) => level.resource === level.index + 1);
  return { resources, measured: !ranks };
}

/**
 * A level that costs nothing (resource 0, or every finished trial there charged nothing in
 * every cost name, over at least two trials) or whose first results do not tell
 * configurations apart: the first `TIE_SAMPLE` distinct configurations complete there spread
 * by at most `TIE_TOLERANCE` of their magnitude in the first objective.
 */
export function levelVerdict(resource: number, trials: readonly TrialRecord[]): "free" | "tied" | null {
  if (!(resource > 0)) return "free";
  const finished = trials.filter(isFinished);
  if (finished.length >= 2 && finished.every((trial) => Object.values(trial.cost).every((amount) => amount === 0)) && finished.some((t) => Object.keys(t.cost).length > 0)) {
    return "free";
  }
  const firsts = new Map<string, number>();
  for (const trial of trials) {
    const value = trial.state === "complete" ? trial.values?.[0] : undefined;
    if (value === undefined || !Number.isFinite(value)) continue;
    const key = configKey(trial.config);
    if (!firsts.has(key)) firsts.set(key, value);
    if (firsts.size >= TIE_SAMPLE) break;
  }
  if (firsts.size < TIE_SAMPLE) return null;
  const values = [...firsts.values()];
  const spread = Math.max(...values) - Math.min(...values);
  const scale = Math.max(...values.map(Math.abs), 1e-12);
  return spread <= TIE_TOLERANCE * scale ? "tied" : null;
}

const cache = new Map<string, FidelityLevels>();

/**
 * Chooses the rungs by resource, not by level index: the top level, then the level whose
 * resource is nearest (in log) to top / eta^k for k = 1, 2, ..., while it stays above the
 * smallest resource / sqrt(eta); levels that are free or tied (`levelVerdict`, judged from
 * `trials`), or in `exclude`, are passed over. A finite space of N configurations keeps at
 * most 1 + ceil(log_eta N) rungs (the highest), so a bracket never asks for far more
 * configurations than exist. On a ladder of dozens of checkpoints this is a geometric subset
 * ending at the top; on a ladder already geometric by eta it is the whole ladder; on one of
 * ranks only (see `levelResources`) every level that is not skipped.
 *
 * @example
 * // steps 0, 25, 50, ..., 30000: step 0 is free, so the rungs are e.g. 25?, ..., 3200, 10000, 30000
 * rungLadder(levels, trials, { eta: 3, configurations: 16 }).indices;
 */
export function rungLadder(levels: FidelityLevels, byLevel: readonly (readonly TrialRecord[])[], options: RungLadderOptions): RungLadder {
  const { resources, measured } = levelResources(levels);
  const top = levels.count - 1;
  const skipped: SkippedLevel[] = [];
  const candidates: number[] = [];
  for (let level = 0; level < top; level++) {
    const verdict = options.exclude?.has(level) ? "excluded" : levelVerdict(resources[level], byLevel[level] ?? []);
    if (verdict) skipped.push({ level, reason: verdict });
    else candidates.push(level);
  }
  const chosen = [top];
  if (!measured) chosen.push(...candidates.slice().reverse());
  const smallest = candidates.length > 0 ? Math.min(...candidates.map((level) => resources[level])) : 0;
  const maxRungs = Number.isFinite(options.configurations) ? 1 + Math.ceil(Math.log(Math.max(1, options.configurations)) / Math.log(options.eta) - 1e-9) : Infinity;
  for (let k = 1; measured && chosen.length < maxRungs; k++) {
    const target = resources[top] / options.eta ** k;
    if (target < smallest / Math.sqrt(options.eta)) break;
    const below = candidates.filter((level) => level < chosen[chosen.length - 1]);
    if (below.length === 0) break;
    let best = below[0];
    for (const level of below) if (Math.abs(Math.log(resources[level] / target)) < Math.abs(Math.log(resources[best] / target))) best = level;
    chosen.push(best);
  }
  const indices = chosen.slice(0, maxRungs).reverse();
  const key = `${indices.join(",")}`;
  let ladder = cache.get(key + "|" + levelsKey(levels));
  if (!ladder) {
    const rungs: FidelityLevel[] = indices.map((level, i) => ({ index: i, fidelity: levels.levels[level].fidelity, resource: Math.max(resources[level], 1e-12) }));
    ladder = new FidelityLevels(rungs, { ...levels.kinds });
    if (cache.size > 256) cache.clear();
    cache.set(key + "|" + levelsKey(levels), ladder);
  }
  return { ladder, indices, skipped };
}

const levelsKeys = new WeakMap<FidelityLevels, string>();
let nextLevelsId = 0;

/** An identity for a ladder object, for the cache of sub-ladders. */
function levelsKey(levels: FidelityLevels): string {
  let key = levelsKeys.get(levels);
  if (!key) levelsKeys.set(levels, (key = String(nextLevelsId++)));
  return key;
}
