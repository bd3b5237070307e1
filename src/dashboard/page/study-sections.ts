import type { StudySnapshot } from "../model/study-snapshot.js";
import { escapeHtml } from "../svg/escape.js";
import type { StudyView } from "../views/study-view.js";
import { STUDY_VIEWS } from "../views/study-views.js";

/**
 * Every chart section of a study (a hidden one for a view that does not apply yet, so a live
 * page can show it once it does), each `<section id="view-<id>">` with a `.view-body`.
 */
export function studySections(snapshot: StudySnapshot, options: { keepHidden: boolean }): string {
  return STUDY_VIEWS.map((view) => studySection(view, snapshot, options)).join("");
}

/** One view's section (see studySections). */
export function studySection(view: StudyView, snapshot: StudySnapshot, options: { keepHidden: boolean }): string {
  const html = view.render(snapshot);
  if (html === null && !options.keepHidden) return "";
  return `<section class="view${view.wide ? " wide" : ""}${html === null ? " hidden" : ""}" id="view-${view.id}"><h2>${escapeHtml(view.title)}</h2><div class="view-body">${html ?? ""}</div></section>`;
}

/** Each view's HTML by id (null when it does not apply): what the live page swaps in. */
export function renderViews(snapshot: StudySnapshot): Record<string, string | null> {
  return Object.fromEntries(STUDY_VIEWS.map((view) => [view.id, view.render(snapshot)]));
}
