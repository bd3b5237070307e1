import type { TrialRecord } from "../../storage/index.js";
import type { TrialColumn } from "../model/trial-columns.js";
import type { TrialPage, TrialQuery } from "../model/trial-query.js";
import { escapeHtml } from "../svg/escape.js";
import { formatDuration, formatNumber } from "../svg/format.js";
import { STATE_COLORS } from "../svg/palette.js";

/** The table's header row: each column names its sort key; the sorted one shows its order. */
export function trialTableHead(columns: readonly TrialColumn[], query: TrialQuery = {}): string {
  const sorted = query.sort ?? "number";
  const cells = columns.map((c) => {
    const mark = c.key === sorted ? (query.order === "desc" ? " ▼" : " ▲") : "";
    return `<th data-sort="${escapeHtml(c.key)}">${escapeHtml(c.label)}${mark}</th>`;
  });
  return `<tr>${cells.join("")}</tr>`;
}

/** One row per trial; a row carries `data-trial` so clicking it opens the trial's detail. */
export function trialTableRows(columns: readonly TrialColumn[], trials: readonly TrialRecord[]): string {
  return trials
    .map((t) => {
      const cells = columns.map((c) => `<td>${cellText(c, t)}</td>`).join("");
      return `<tr data-trial="${t.number}" class="state-${t.state}">${cells}</tr>`;
    })
    .join("");
}

function cellText(column: TrialColumn, trial: TrialRecord): string {
  const value = column.value(trial);
  if (column.key === "state") return `<span class="state" style="color:${STATE_COLORS[trial.state] ?? "#333"}">${escapeHtml(trial.state)}</span>`;
  if (column.key === "duration") return formatDuration(value as number | null);
  if (value === null) return "";
  if (typeof value === "number") return formatNumber(value);
  const text = String(value);
  // Long values (text artifacts: prompts, code) are cut; the trial's detail has them whole.
  return text.length > MAX_CELL ? `<span title="${text.length} characters">${escapeHtml(text.slice(0, MAX_CELL).replace(/\s+/g, " "))}…</span>` : escapeHtml(text);
}

const MAX_CELL = 40;

/** "Trials 1–50 of 312", for the pager. */
export function pageText(page: TrialPage): string {
  if (page.total === 0) return "No trials match.";
  return `Trials ${page.offset + 1}–${Math.min(page.total, page.offset + page.limit)} of ${page.total}`;
}

/** The whole table (static, for the report): the page's rows under the header. */
export function trialTable(page: TrialPage, query: TrialQuery = {}): string {
  return `<table class="trials"><thead>${trialTableHead(page.columns, query)}</thead><tbody>${trialTableRows(page.columns, page.trials)}</tbody></table>`;
}
