import type { Objective, TrialRecord } from "../../storage/index.js";
import { escapeHtml } from "../svg/escape.js";
import { formatDuration, formatNumber } from "../svg/format.js";
import { STATE_COLORS } from "../svg/palette.js";
import { artifactDiffs } from "./artifact-diffs.js";
import { diffBlock } from "./diff-block.js";

/**
 * Everything about one trial: state and timing, values, configuration, fidelity, costs,
 * constraints, intermediate values, the error, and its attributes. A `diff` user attribute
 * (a unified diff, or a list of them: one per update of a generative optimizer) is shown as
 * coloured diff blocks.
 */
export function trialDetail(trial: TrialRecord, objectives: readonly Objective[]): string {
  const parts: string[] = [];
  const color = STATE_COLORS[trial.state] ?? "#333";
  parts.push(`<h3 class="detail-title">Trial ${trial.number} <span class="state" style="color:${color}">${escapeHtml(trial.state)}</span></h3>`);
  const duration = trial.startedAt !== null && trial.completedAt !== null ? trial.completedAt - trial.startedAt : null;
  parts.push(
    keyValues("Run", {
      started: trial.startedAt ? new Date(trial.startedAt).toISOString() : "–",
      finished: trial.completedAt ? new Date(trial.completedAt).toISOString() : "–",
      duration: formatDuration(duration),
      worker: trial.workerId ?? "–",
      ...(trial.retries ? { retries: String(trial.retries) } : {}),
    }),
  );
  if (trial.values) parts.push(keyValues("Values", Object.fromEntries(objectives.map((o, k) => [`${o.name} (${o.direction})`, formatNumber(trial.values![k])]))));
  // Multi-line strings (text artifacts: prompts, code) get a block of their own.
  const long = Object.entries(trial.config).filter(([, v]) => typeof v === "string" && (v.includes("\n") || v.length > 80));
  const short = Object.entries(trial.config).filter(([k]) => !long.some(([name]) => name === k));
  parts.push(keyValues("Config", Object.fromEntries(short.map(([k, v]) => [k, JSON.stringify(v)]))));
  for (const [k, v] of long) parts.push(`<h4>${escapeHtml(k)}</h4><pre class="artifact">${escapeHtml(String(v))}</pre>`);
  if (trial.fidelity) parts.push(keyValues("Fidelity", Object.fromEntries(Object.entries(trial.fidelity).map(([k, v]) => [k, JSON.stringify(v)]))));
  if (Object.keys(trial.cost).length) parts.push(keyValues("Cost", Object.fromEntries(Object.entries(trial.cost).map(([k, v]) => [k, formatNumber(v)]))));
  if (trial.constraints) parts.push(keyValues("Constraints (feasible when ≤ 0)", Object.fromEntries(trial.constraints.map((c, i) => [`c${i}`, formatNumber(c)]))));
  const steps = Object.entries(trial.intermediate);
  if (steps.length) parts.push(keyValues("Intermediate values", Object.fromEntries(steps.map(([s, v]) => [`step ${s}`, formatNumber(v)]))));
  if (trial.error) parts.push(`<h4>Error</h4><pre class="error">${escapeHtml(trial.error)}</pre>`);
  const { diff: _diff, ...attrs } = trial.userAttrs;
  const diffs = artifactDiffs(trial.userAttrs);
  diffs.forEach((d, i) => parts.push(`<h4>Artifact diff${diffs.length > 1 ? ` (update ${i + 1})` : ""}</h4>${diffBlock(d)}`));
  if (Object.keys(attrs).length) parts.push(`<h4>User attributes</h4><pre>${escapeHtml(JSON.stringify(attrs, null, 2))}</pre>`);
  if (Object.keys(trial.systemAttrs).length) parts.push(`<h4>System attributes</h4><pre>${escapeHtml(JSON.stringify(trial.systemAttrs, null, 2))}</pre>`);
  return `<div class="trial-detail" data-trial-detail="${trial.number}">${parts.join("")}</div>`;
}

function keyValues(title: string, entries: Record<string, string>): string {
  const rows = Object.entries(entries)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join("");
  return `<h4>${escapeHtml(title)}</h4><table class="kv">${rows}</table>`;
}
