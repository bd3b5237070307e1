import { budgetView } from "./budget.js";
import { fidelityView } from "./fidelity.js";
import { historyView } from "./history.js";
import { importanceView } from "./importance.js";
import { intermediateView } from "./intermediate.js";
import { parallelCoordinatesView } from "./parallel-coordinates.js";
import { paretoView } from "./pareto.js";
import type { StudyView } from "./study-view.js";

/** The chart sections of a study, in page order; the dashboard and the report both show these. */
export const STUDY_VIEWS: readonly StudyView[] = [historyView, paretoView, parallelCoordinatesView, importanceView, fidelityView, intermediateView, budgetView];
