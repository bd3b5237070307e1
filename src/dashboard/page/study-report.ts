import { paretoFront } from "../../study/index.js";
import { queryTrials } from "../model/trial-query.js";
import type { StudySnapshot } from "../model/study-snapshot.js";
import { escapeHtml } from "../svg/escape.js";
import { studySummary } from "../views/study-summary.js";
import { trialDetail } from "../views/trial-detail.js";
import { trialTable } from "../views/trial-table.js";
import { pageShell } from "./layout.js";
import { artifactDiffs } from "../views/artifact-diffs.js";
import { studySections } from "./study-sections.js";

/** Trials listed in the report's table at most (by number). */
const MAX_TABLE_ROWS = 1000;
const MAX_DETAILS = 50;

/**
 * A study's report as one self-contained HTML file: the dashboard's charts (inline SVG),
 * the trial table, and the detail of the best trials and of every trial carrying an artifact
 * diff. Nothing is fetched: it opens offline and can be shared as a file.
 *
 * @example
 * writeFileSync("report.html", renderStudyReport(await readStudySnapshot(storage, "rag")));
 */
export function renderStudyReport(snapshot: StudySnapshot, options: { title?: string; generatedAt?: Date } = {}): string {
  const name = snapshot.study.name;
  const page = queryTrials(snapshot, { limit: MAX_TABLE_ROWS });
  const best = paretoFront(snapshot.trials, snapshot.study.objectives);
  const withDiff = snapshot.trials.filter((t) => artifactDiffs(t.userAttrs).length > 0 && !best.includes(t));
  const detailed = [...best, ...withDiff].slice(0, MAX_DETAILS);
  const details = detailed
    .map((t) => `<details id="trial-${t.number}"${best.includes(t) ? " open" : ""}><summary>Trial ${t.number}${best.includes(t) ? " (best)" : ""}</summary>${trialDetail(t, snapshot.study.objectives)}</details>`)
    .join("");
  const more = page.total > page.trials.length ? `<p class="note">The first ${page.trials.length} of ${page.total} trials; the dashboard shows them all.</p>` : "";
  const generated = (options.generatedAt ?? new Date()).toISOString();
  const body =
    `<h1>${escapeHtml(options.title ?? `Study ${name}`)}</h1><p class="note">Generated ${generated} by knobs report.</p>` +
    studySummary(snapshot) +
    `<div class="grid">${studySections(snapshot, { keepHidden: false })}</div>` +
    (details ? `<section class="view" id="view-details"><h2>Best trials${withDiff.length ? " and artifact diffs" : ""}</h2>${details}</section>` : "") +
    `<section class="view" id="view-trials"><h2>Trials</h2>${more}<div class="scroll">${trialTable(page)}</div></section>`;
  return pageShell({ title: `${name} · knobs report`, nav: `<span>${escapeHtml(name)}</span>`, body });
}
