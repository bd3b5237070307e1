import { ValidationError } from "../errors/index.js";
import type { Cost } from "../storage/index.js";

/**
 * Caps for a study: `trials` (all trials the study has started, over every run),
 * `wall` (this run's wall time: milliseconds or a duration like "90s", "30m", "1h"),
 * and any cost name (`usd`, `input_tokens`, ...) summed over the study's trials plus
 * the optimizer's own spend.
 */
export type Budget = { trials?: number; wall?: number | string } & Record<string, number | string | undefined>;

export interface ParsedBudget {
  trials: number;
  wallMs: number;
  costs: Cost;
}

/** The budget of `study.optimize()` and of a study config that gives none. */
export const DEFAULT_BUDGET: Readonly<Budget> = Object.freeze({ trials: 100 });

/** Whether `budget` was parsed already (a ParsedBudget) rather than written as a Budget. */
export function isParsedBudget(budget: Budget | ParsedBudget): budget is ParsedBudget {
  return typeof budget.costs === "object" && budget.costs !== null && typeof budget.wallMs === "number" && typeof budget.trials === "number";
}

/** Reads a budget; throws ValidationError naming the field on a bad value. */
export function parseBudget(budget: Budget = {}, path: (string | number)[] = ["budget"], source?: string): ParsedBudget {
  const issues = [];
  const parsed: ParsedBudget = { trials: Infinity, wallMs: Infinity, costs: {} };
  for (const [key, value] of Object.entries(budget)) {
    if (value === undefined) continue;
    if (key === "wall") {
      const ms = parseDuration(value);
      if (ms === null) issues.push({ code: "invalid_value", path: [...path, key], message: `expected a duration like 90s, 30m, 1h or milliseconds, received ${JSON.stringify(value)}` });
      else parsed.wallMs = ms;
    } else if (typeof value !== "number" || !(value >= 0)) {
      issues.push({ code: "invalid_value", path: [...path, key], message: `expected a number >= 0, received ${JSON.stringify(value)}` });
    } else if (key === "trials") {
      parsed.trials = value;
    } else {
      parsed.costs[key] = value;
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, source);
  return parsed;
}

/** Milliseconds from a number (ms) or a string like "500ms", "90s", "30m", "1.5h", "1d". */
export function parseDuration(value: number | string): number | null {
  if (typeof value === "number") return value >= 0 ? value : null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(value);
  if (!match) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? "ms"]!;
  return Number(match[1]) * unit;
}

/**
 * Whether one more trial may start. A cost cap stops new trials when the spend so far,
 * plus what the trials in flight and one more are expected to cost (the mean cost per
 * finished trial), would pass it; so the cap is overshot by at most the trials in flight.
 */
export function budgetAllowsStart(
  budget: ParsedBudget,
  /** started: trials begun (in flight included); finished: trials whose cost is in trialSpend. */
  state: { started: number; inFlight: number; finished: number; spend: Cost; trialSpend: Cost; elapsedMs: number },
): { ok: true } | { ok: false; reason: string; cost?: { name: string; cap: number } } {
  if (state.started >= budget.trials) return { ok: false, reason: `trial budget reached (${budget.trials})` };
  if (state.elapsedMs >= budget.wallMs) return { ok: false, reason: `wall-time budget reached (${budget.wallMs} ms)` };
  for (const [name, cap] of Object.entries(budget.costs)) {
    const spent = state.spend[name] ?? 0;
    const mean = state.finished > 0 ? (state.trialSpend[name] ?? 0) / state.finished : 0;
    if (spent >= cap || spent + (state.inFlight + 1) * mean > cap) {
      return { ok: false, reason: costBudgetReason(name, spent, cap), cost: { name, cap } };
    }
  }
  return { ok: true };
}

/** `usd budget reached (spent 2.98 of 3)`: the stop reason of a cost cap. */
export function costBudgetReason(name: string, spent: number, cap: number): string {
  return `${name} budget reached (spent ${round(spent)} of ${cap})`;
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}
