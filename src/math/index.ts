export { Rng, deriveSeed, rngFor } from "./rng.js";
export { dominates, nondominatedSort, paretoFrontIndices } from "./pareto.js";
export { eigenSymmetric, type EigenSymmetricOptions, type EigenSymmetricResult } from "./eigen-symmetric.js";
export { crowdingDistance } from "./crowding-distance.js";
export { hypervolume, hypervolumeContributions, hypervolumeGain } from "./hypervolume.js";
export { nonDominatedBoxes, type BoxDecomposition } from "./box-decomposition.js";
export { averageRanks, rankWithTies, tieCorrection } from "./ranks.js";
export { normalSurvival, twoSidedNormalP } from "./normal.js";
export { wilcoxonSignedRank, type RankTestResult } from "./wilcoxon.js";
export {
  aitchisonDistance,
  alr,
  alrInverse,
  betaCdf,
  betaQuantile,
  closure,
  clr,
  ilr,
  ilrInverse,
  logGamma,
  sampleDirichlet,
  sampleSymmetricDirichlet,
  simplexLattice,
  simplexLatticeSize,
  simplexToStickBreaking,
  stickBreakingToSimplex,
  withPseudoCount,
} from "./simplex.js";
