import type { StudySnapshot } from "../model/study-snapshot.js";

/** One section of the study page and of the study report. */
export interface StudyView {
  /** Stable id: the section's element id is `view-<id>`. */
  id: string;
  title: string;
  /** Takes the page's full width (charts wider than half a page). */
  wide?: boolean;
  /** The section's HTML (inline SVG charts, tables), or null when it does not apply to this study. */
  render(snapshot: StudySnapshot): string | null;
}

/** A chart and its caption. */
export function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${caption}</figcaption></figure>`;
}
