import { paretoFront } from "../../study/index.js";
import { costNames } from "../model/params.js";
import { stateCounts, type StudySnapshot } from "../model/study-snapshot.js";
import { escapeHtml } from "../svg/escape.js";
import { formatNumber } from "../svg/format.js";
import { STATE_COLORS } from "../svg/palette.js";

/** The best result in a few words: the best value (one objective) or the Pareto set's size. */
export function bestText(snapshot: StudySnapshot): string {
  const { objectives } = snapshot.study;
  const front = paretoFront(snapshot.trials, objectives);
  if (front.length === 0) return "–";
  if (objectives.length > 1) return `${front.length} Pareto-optimal trials`;
  return `${formatNumber(front[0].values![0])} (trial ${front[0].number})`;
}

/** Spend per cost name, trials and optimizer together, e.g. "usd 0.41 (optimizer 0.03)". */
export function spendText(snapshot: StudySnapshot, names = costNames(snapshot)): string {
  return names
    .slice(0, 3)
    .map((name) => {
      const trials = snapshot.trials.reduce((s, t) => s + (t.cost[name] ?? 0), 0);
      const optimizer = snapshot.study.optimizerCost[name] ?? 0;
      return `${escapeHtml(name)} ${formatNumber(trials + optimizer)}${optimizer > 0 ? ` (optimizer ${formatNumber(optimizer)})` : ""}`;
    })
    .join(", ") || "–";
}

/** The parts of the summary a live page replaces when trials change, by `data-live` key. */
export function liveSummary(snapshot: StudySnapshot): Record<"total" | "states" | "best" | "spend", string> {
  const counts = stateCounts(snapshot.trials);
  const states = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `<span class="pill" style="border-color:${STATE_COLORS[state]}">${n} ${state}</span>`)
    .join(" ");
  return { total: String(snapshot.trials.length), states, best: bestText(snapshot), spend: spendText(snapshot) };
}

/** The study page's header: objectives, counts by state (live-updated), best result and spend. */
export function studySummary(snapshot: StudySnapshot): string {
  const live = liveSummary(snapshot);
  const objectives = snapshot.study.objectives.map((o) => `${escapeHtml(o.name)} ${o.direction === "maximize" ? "↑" : "↓"}`).join(", ");
  return (
    `<div class="summary">` +
    `<div><b>Objectives</b><br>${objectives}</div>` +
    `<div><b>Trials</b><br><span data-live="total">${live.total}</span> <span data-live="states">${live.states}</span></div>` +
    `<div><b>Best</b><br><span data-live="best">${live.best}</span></div>` +
    `<div><b>Spend</b><br><span data-live="spend">${live.spend}</span></div>` +
    `</div>`
  );
}
