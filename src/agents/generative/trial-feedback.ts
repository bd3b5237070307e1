import type { Objective, TrialRecord } from "../../storage/spec.js";
import type { CheckedGenerativeOptions } from "./generative-options.js";

/** The user attribute an objective sets (`trial.setUserAttr("feedback", ...)`) to explain a score. */
export const FEEDBACK_ATTR = "feedback";

/**
 * A trial's execution trace, oldest entry first: `userAttrs.feedback` as entries (an array:
 * one entry each, non-strings written as JSON; a string: one entry per line), then
 * `error: <message>` when the trial failed or was pruned.
 */
export function traceOf(trial: TrialRecord): string[] {
  const feedback = trial.userAttrs?.[FEEDBACK_ATTR];
  const entries: string[] = [];
  if (typeof feedback === "string") entries.push(...feedback.split("\n"));
  else if (Array.isArray(feedback)) entries.push(...feedback.map((entry) => (typeof entry === "string" ? entry : JSON.stringify(entry))));
  else if (feedback !== undefined && feedback !== null) entries.push(JSON.stringify(feedback));
  if ((trial.state === "failed" || trial.state === "pruned") && trial.error) entries.push(`error: ${trial.error}`);
  return entries;
}

/**
 * The end of a trace within the credit horizon: the last `entries` entries, then the last
 * `chars` characters of them joined by newlines. Each cut is marked in the text.
 */
export function cutToHorizon(trace: readonly string[], horizon: CheckedGenerativeOptions["creditHorizon"]): string {
  if (trace.length === 0) return "(no feedback recorded)";
  const kept = horizon.entries !== null && trace.length > horizon.entries ? trace.slice(trace.length - horizon.entries) : [...trace];
  const notes: string[] = [];
  if (kept.length < trace.length) notes.push(`${trace.length - kept.length} earlier trace entries not shown`);
  let text = kept.join("\n");
  if (horizon.chars !== null && text.length > horizon.chars) {
    notes.push(`${text.length - horizon.chars} earlier characters not shown`);
    text = text.slice(text.length - horizon.chars);
  }
  return notes.length > 0 ? `[… ${notes.join("; ")}]\n${text}` : text;
}

/** One trial of the minibatch as the update prompt shows it: header with score and state, then its trace. */
export function renderTrialFeedback(trial: TrialRecord, objective: Objective, horizon: CheckedGenerativeOptions["creditHorizon"]): string {
  const score = trial.state === "complete" && trial.values ? `${objective.name} = ${formatScore(trial.values[0])}` : `${trial.state}, no score`;
  return `<trial number="${trial.number}" result="${score}">\n${cutToHorizon(traceOf(trial), horizon)}\n</trial>`;
}

/** A score with up to 4 significant decimals, without noise digits. */
export function formatScore(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}
