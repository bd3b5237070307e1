import type { StudySnapshot } from "../model/study-snapshot.js";
import { studiesList } from "../views/studies-list.js";
import { pageShell } from "./layout.js";

/** The dashboard's home: the studies in the storage. */
export function studiesPage(snapshots: readonly StudySnapshot[], options: { nav: string; storageLabel: string }): string {
  const body = `<h1>Studies</h1><p class="note">${options.storageLabel}</p><section class="view" id="view-studies">${studiesList(snapshots)}</section>`;
  return pageShell({ title: "Studies · knobs", nav: options.nav, body });
}
