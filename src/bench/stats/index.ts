/** Statistics for benchmark reports: robust summaries, bootstrap intervals, ranks and rank tests. */
export { iqm, mean, median, quantile } from "./descriptive.js";
export { bootstrapCI, type BootstrapOptions, type ConfidenceInterval } from "./bootstrap.js";
export { averageRanks, rankWithTies, wilcoxonSignedRank, type RankTestResult } from "../../math/index.js";
export { mannWhitneyU } from "./mann-whitney.js";
export { friedmanTest, nemenyiCriticalDifference, chiSquareSurvival, type FriedmanResult } from "./friedman.js";
