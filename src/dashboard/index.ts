/**
 * The local dashboard and study reports: a web UI over any storage (studies, a live trial
 * table, optimization history, Pareto fronts, parallel coordinates, PED-ANOVA parameter
 * importance, fidelity promotions, intermediate values, budget burn-down, trial detail) and a
 * benchmark page; and the same views as one self-contained HTML report. Charts are SVG drawn
 * on the server: no front-end build, nothing fetched from the network.
 */
export { startDashboard, type DashboardOptions, type RunningDashboard } from "./server/start-dashboard.js";
export { renderStudyReport } from "./page/study-report.js";
export { readStudySnapshot } from "./model/read-snapshot.js";
export type { StudySnapshot } from "./model/study-snapshot.js";
export { pedAnovaImportance, type ImportanceResult, type ImportanceSample, type ParamImportance, type PedAnovaOptions } from "./importance/ped-anova.js";
export { benchmarkView } from "./views/benchmark.js";
