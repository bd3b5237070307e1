import { stateCounts, type StudySnapshot } from "../model/study-snapshot.js";
import { escapeHtml } from "../svg/escape.js";
import { bestText, spendText } from "./study-summary.js";

/** The table of studies in a storage, each row linking to its page under `base`. */
export function studiesList(snapshots: readonly StudySnapshot[], base = "/studies/"): string {
  if (snapshots.length === 0) return `<p class="empty">No studies in this storage yet: run <code>knobs optimize</code> or create one with <code>createStudy</code>.</p>`;
  const rows = snapshots.map((s) => {
    const counts = stateCounts(s.trials);
    const objectives = s.study.objectives.map((o) => `${escapeHtml(o.name)} ${o.direction === "maximize" ? "↑" : "↓"}`).join(", ");
    return (
      `<tr data-study="${escapeHtml(s.study.name)}">` +
      `<td><a href="${base}${encodeURIComponent(s.study.name)}">${escapeHtml(s.study.name)}</a></td>` +
      `<td>${objectives}</td><td>${s.trials.length}</td><td>${counts.complete}</td><td>${counts.running}</td><td>${counts.failed + counts.pruned}</td>` +
      `<td>${bestText(s)}</td><td class="wrap">${spendText(s)}</td><td>${new Date(s.study.createdAt).toISOString().slice(0, 16).replace("T", " ")}</td>` +
      `</tr>`
    );
  });
  const head = ["study", "objectives", "trials", "complete", "running", "failed / pruned", "best", "spend", "created (UTC)"].map((h) => `<th>${h}</th>`).join("");
  return `<div class="scroll"><table class="studies"><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}
