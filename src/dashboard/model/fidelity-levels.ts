import { configKey } from "../../fidelity/index.js";
import type { Config, Value } from "../../space/index.js";
import type { StudyRecord, TrialRecord } from "../../storage/index.js";

/** One fidelity a study's trials ran at. */
export interface FidelityLevelInfo {
  key: string;
  fidelity: Config;
  label: string;
}

/** A canonical key for a configuration or fidelity (names sorted), so equal ones match: the schedulers' configKey. */
export const canonicalKey: (config: Config | null) => string = configKey;

/**
 * The distinct fidelities of the trials, lowest first: numbers compare as numbers, values
 * of an ordinal fidelity parameter in the order the study's stored config declares them,
 * anything else in the order the trials first used it.
 */
export function fidelityLevels(study: StudyRecord, trials: readonly TrialRecord[]): FidelityLevelInfo[] {
  const seen = new Map<string, { fidelity: Config; first: number }>();
  for (const t of trials) {
    if (t.fidelity === null) continue;
    const key = canonicalKey(t.fidelity);
    if (!seen.has(key)) seen.set(key, { fidelity: t.fidelity, first: seen.size });
  }
  const declared = declaredOrder(study);
  const names = [...new Set([...seen.values()].flatMap((s) => Object.keys(s.fidelity)))].sort();
  const rankOf = (name: string, value: Value | undefined): number => {
    if (typeof value === "number") return value;
    const order = declared[name];
    return order ? order.indexOf(value ?? null) : NaN;
  };
  const levels = [...seen.entries()].map(([key, s]) => ({ key, fidelity: s.fidelity, first: s.first, ranks: names.map((n) => rankOf(n, s.fidelity[n])) }));
  levels.sort((a, b) => {
    for (let i = 0; i < names.length; i++) {
      const [x, y] = [a.ranks[i], b.ranks[i]];
      if (Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
    }
    return a.first - b.first;
  });
  return levels.map(({ key, fidelity }) => ({ key, fidelity, label: levelLabel(fidelity) }));
}

function levelLabel(fidelity: Config): string {
  const entries = Object.entries(fidelity);
  if (entries.length === 1) return String(entries[0][1]);
  return entries.map(([name, value]) => `${name}=${String(value)}`).join(", ");
}

/** Values of ordinal fidelity parameters, lowest first, from the config `knobs optimize` stored. */
function declaredOrder(study: StudyRecord): Record<string, Value[]> {
  const stored = study.userAttrs["knobs.config"] as { config?: { fidelity?: Record<string, { type?: string; values?: Value[] }> } } | undefined;
  const out: Record<string, Value[]> = {};
  for (const [name, param] of Object.entries(stored?.config?.fidelity ?? {})) {
    if (param && Array.isArray(param.values)) out[name] = param.values;
  }
  return out;
}
