import { rngFor } from "../../math/index.js";
import { Space, type Config } from "../../space/index.js";
import type { Objective } from "../../storage/spec.js";
import { HARTMANN6_ALPHA, hartmann6Value } from "./hartmann6.js";

/**
 * SYNTHETIC multi-fidelity test functions, for tests and benchmarks of the schedulers only:
 * their results say nothing about LLM systems.
 */

/** A synthetic multi-fidelity problem: minimize `value`; cost in `usd` grows with the fidelity. */
export interface SyntheticMfProblem {
  id: string;
  description: string;
  /** Always true: never report these as LLM-system results. */
  synthetic: true;
  space: Space;
  /** `{ budget: int 1..81 }`: with eta = 3, the levels 1, 3, 9, 27, 81. */
  fidelity: Space;
  objectives: Objective[];
  /** Noisy value at a fidelity (null: the top) for a seed, and its cost. Deterministic in its arguments. */
  evaluate(config: Config, fidelity: Config | null, seed: number): { values: number[]; cost: { usd: number } };
  /** The noise-free value at full fidelity: what a benchmark scores a configuration by. */
  trueValue(config: Config): number;
  /** Global minimum of `trueValue`. */
  optimum: number;
}

const MAX_BUDGET = 81;
const ALPHA = HARTMANN6_ALPHA;
// Bias of the multi-fidelity Hartmann of Kandasamy et al. 2017 (BOCA): alpha' = alpha - delta (1 - z).
const DELTA = [0.1, -0.1, 0.1, -0.1];
const hartmann6 = hartmann6Value;

const NAMES = ["x1", "x2", "x3", "x4", "x5", "x6"];
const space = Space.parse(Object.fromEntries(NAMES.map((name) => [name, { type: "float", low: 0, high: 1 }])));
const fidelity = Space.parse({ budget: { type: "int", low: 1, high: MAX_BUDGET } });

function pointOf(config: Config): number[] {
  return NAMES.map((name) => config[name] as number);
}

function fractionOf(fidelityConfig: Config | null): number {
  const budget = fidelityConfig === null ? MAX_BUDGET : (fidelityConfig.budget as number);
  return budget / MAX_BUDGET;
}

/** Noise shrinks with the budget, as an average over more examples would: sd 0.3 / sqrt(budget). */
function noise(config: Config, z: number, seed: number): number {
  const budget = Math.round(z * MAX_BUDGET);
  const rng = rngFor(seed, "synthetic-mf-noise", JSON.stringify(config), budget);
  return (0.3 / Math.sqrt(budget)) * rng.normal();
}

/** Cost: proportional to the budget, and dearer for large x1 (0.5 to 1.5 usd at full fidelity). */
function costOf(config: Config, z: number): { usd: number } {
  return { usd: z * (0.5 + (config.x1 as number)) };
}

const OPTIMUM = -3.322368011415515;

function problem(id: string, description: string, valueAt: (x: number[], z: number) => number): SyntheticMfProblem {
  return {
    id,
    description,
    synthetic: true,
    space,
    fidelity,
    objectives: [{ name: "value", direction: "minimize" }],
    evaluate(config, fidelityConfig, seed) {
      const z = fractionOf(fidelityConfig);
      return { values: [valueAt(pointOf(config), z) + noise(config, z, seed)], cost: costOf(config, z) };
    },
    trueValue: (config) => valueAt(pointOf(config), 1),
    optimum: OPTIMUM,
  };
}

/**
 * SYNTHETIC. Hartmann-6 with a fidelity `budget` in 1..81 (z = budget / 81): the weights are
 * biased at low fidelity as in Kandasamy et al. 2017 (alpha - delta (1 - z)), noise has sd
 * 0.3 / sqrt(budget), and the cost is z (0.5 + x1) usd. Low fidelity is informative.
 */
export const hartmann6Mf: SyntheticMfProblem = problem(
  "synthetic/hartmann6-mf",
  "SYNTHETIC Hartmann-6 with a fidelity-biased weighting and noise shrinking with the budget (informative low fidelity)",
  (x, z) => hartmann6(x, ALPHA.map((a, i) => a - DELTA[i] * (1 - z))),
);

/**
 * SYNTHETIC. As `hartmann6Mf`, but low fidelity misleads: the value is
 * z f(x) + (1 - z) f(1 - x), so at small budgets it mostly rewards the mirror image of the
 * optimum, and only the top level (z = 1) is the true function.
 */
export const hartmann6MfMisleading: SyntheticMfProblem = problem(
  "synthetic/hartmann6-mf-misleading",
  "SYNTHETIC Hartmann-6 whose low fidelities mostly score the mirrored point 1 - x (misleading low fidelity)",
  (x, z) => z * hartmann6(x, ALPHA) + (1 - z) * hartmann6(x.map((v) => 1 - v), ALPHA),
);
