import { queryTrials } from "../model/trial-query.js";
import type { StudySnapshot } from "../model/study-snapshot.js";
import { escapeHtml } from "../svg/escape.js";
import { studySummary } from "../views/study-summary.js";
import { pageText, trialTableHead, trialTableRows } from "../views/trial-table.js";
import { STUDY_PAGE_SCRIPT } from "./client-script.js";
import { pageClose, pageOpen } from "./layout.js";
import { studySection } from "./study-sections.js";
import { STUDY_VIEWS } from "../views/study-views.js";

const STATES = ["complete", "running", "queued", "pruned", "failed"];

/**
 * The dashboard's page for one study: summary, the live trial table (sortable, filterable,
 * paged by the server), the chart sections, and the trial detail drawer.
 */
export function studyPage(snapshot: StudySnapshot, options: { nav: string }): string {
  return [...studyPageChunks(snapshot, options)].join("");
}

/**
 * The study page in pieces, cheapest first: the summary and the table, then one chart
 * section at a time, so a server can send the top of the page while it draws the charts
 * of a large study.
 */
export function* studyPageChunks(snapshot: StudySnapshot, options: { nav: string }): Generator<string> {
  const name = snapshot.study.name;
  const api = `/api/studies/${encodeURIComponent(name)}`;
  const page = queryTrials(snapshot, {});
  const states = STATES.map((s) => `<option value="${s}">${s}</option>`).join("");
  // The script finds its study's API and change cursor on <main>.
  const mainAttributes = { "data-api": api, "data-cursor": snapshot.cursor, "data-total": page.total };
  yield pageOpen({ title: `${name} · knobs`, nav: options.nav, status: "connecting…", mainAttributes }) +
    `<h1>${escapeHtml(name)}</h1>` +
    `<div data-study="${escapeHtml(name)}">${studySummary(snapshot)}</div>` +
    `<section class="view" id="view-trials"><h2>Trials</h2>` +
    `<div class="tools"><input type="search" id="trial-filter" placeholder="filter: text, or x > 0.5, usd < 0.01" aria-label="filter trials">` +
    `<select id="trial-state" aria-label="state"><option value="">all states</option>${states}</select>` +
    `<button id="page-prev" aria-label="previous page">‹</button><span id="page-text">${pageText(page)}</span><button id="page-next" aria-label="next page">›</button></div>` +
    `<div class="scroll"><table class="trials"><thead id="trial-head">${trialTableHead(page.columns)}</thead><tbody id="trial-rows">${trialTableRows(page.columns, page.trials)}</tbody></table></div></section>` +
    `<div class="grid">`;
  for (const view of STUDY_VIEWS) yield studySection(view, snapshot, { keepHidden: true });
  yield `</div><aside class="detail" id="trial-detail"><button class="close" id="detail-close" aria-label="close">×</button><div class="body"></div></aside>` + pageClose(STUDY_PAGE_SCRIPT);
}
