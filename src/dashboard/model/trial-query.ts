import type { TrialRecord } from "../../storage/index.js";
import type { StudySnapshot } from "./study-snapshot.js";
import { trialColumns, type TrialColumn } from "./trial-columns.js";

/** What the trial table asks for: sort column and order, filters, and the page. */
export interface TrialQuery {
  /** A column key (`number`, `state`, `value:0`, `param:x`, `cost:usd`, `duration`); default `number`. */
  sort?: string;
  order?: "asc" | "desc";
  /** Only trials in this state. */
  state?: string;
  /**
   * A filter: `name op number` with op one of < <= > >= = != compares a parameter,
   * objective or cost of that name; anything else matches the trial's config, values,
   * state or error as text (case-insensitive).
   */
  q?: string;
  offset?: number;
  limit?: number;
}

export interface TrialPage {
  columns: TrialColumn[];
  trials: TrialRecord[];
  /** Trials passing the filters (all pages). */
  total: number;
  offset: number;
  limit: number;
}

const COMPARISON = /^\s*([\w.-]+)\s*(<=|>=|!=|<|>|=)\s*(\S+)\s*$/;

/** Filters, sorts and pages a study's trials; missing values sort last either way. */
export function queryTrials(snapshot: StudySnapshot, query: TrialQuery = {}): TrialPage {
  const columns = trialColumns(snapshot);
  const column = columns.find((c) => c.key === (query.sort ?? "number")) ?? columns[0];
  const sign = query.order === "desc" ? -1 : 1;
  const matches = filterOf(snapshot, query);
  const rows = snapshot.trials.filter(matches).map((t) => ({ t, v: column.value(t) }));
  rows.sort((a, b) => {
    if (a.v === null || b.v === null) return a.v === b.v ? a.t.number - b.t.number : a.v === null ? 1 : -1;
    const c = typeof a.v === "number" && typeof b.v === "number" ? a.v - b.v : String(a.v).localeCompare(String(b.v));
    return sign * c || a.t.number - b.t.number;
  });
  const limit = Math.max(1, Math.min(1000, query.limit ?? 50));
  const offset = Math.max(0, Math.min(query.offset ?? 0, Math.max(0, rows.length - 1)));
  return { columns, trials: rows.slice(offset, offset + limit).map((r) => r.t), total: rows.length, offset, limit };
}

function filterOf(snapshot: StudySnapshot, query: TrialQuery): (t: TrialRecord) => boolean {
  const state = query.state || null;
  const text = (query.q ?? "").trim();
  const comparison = COMPARISON.exec(text);
  let test: (t: TrialRecord) => boolean = () => true;
  if (comparison) {
    const [, name, op, raw] = comparison;
    const objective = snapshot.study.objectives.findIndex((o) => o.name === name);
    const read = (t: TrialRecord): unknown =>
      name === "number" ? t.number : name === "state" ? t.state : name in t.config ? t.config[name] : objective >= 0 ? t.values?.[objective] : t.cost[name];
    const target = Number(raw);
    test = (t) => compare(read(t), op, Number.isNaN(target) ? raw : target);
  } else if (text) {
    const needle = text.toLowerCase();
    test = (t) => `${t.number} ${t.state} ${JSON.stringify(t.config)} ${JSON.stringify(t.values)} ${t.error ?? ""}`.toLowerCase().includes(needle);
  }
  return (t) => (state === null || t.state === state) && test(t);
}

function compare(value: unknown, op: string, target: number | string): boolean {
  if (value === undefined || value === null) return false;
  const v = typeof target === "number" ? Number(value) : String(value);
  switch (op) {
    case "<":
      return v < target;
    case "<=":
      return v <= target;
    case ">":
      return v > target;
    case ">=":
      return v >= target;
    case "!=":
      return v !== target;
    default:
      return v === target;
  }
}
