import { rngFor } from "../../math/index.js";
import type { Config } from "../../space/index.js";
import { FeatureEncoder, isFailed, type TabularTask } from "../tabular/index.js";
import { rSquared, spearman } from "./fit-quality.js";
import { KnnModel } from "./knn-model.js";

/** How well the k-NN surrogate predicts held-out rows of one fidelity level. */
export interface LevelFit {
  /** The fidelity level (null for a single-fidelity task). */
  fidelity: Config | null;
  train: number;
  test: number;
  /** Per objective: held-out R^2 and Spearman rank correlation (null when undefined, e.g. constant values). */
  objectives: { name: string; r2: number | null; spearman: number | null }[];
}

/** Options of surrogateFit. */
export interface SurrogateFitOptions {
  /** Seed of the train/test split (default 0). */
  seed?: number;
  /** Share of successful rows held out (default 0.2). */
  testFraction?: number;
  /** Neighbours per prediction (default 5). */
  k?: number;
}

/**
 * Fit quality of the k-NN surrogate of a tabular task: for each fidelity level, the successful
 * rows are split 80/20 with rngFor(seed, "surrogate-split", level), the model is fitted on the
 * 80% and scored on the 20% by R^2 and Spearman correlation. Levels with fewer than 10
 * successful rows are skipped.
 *
 * @example
 * surrogateFit(getTask("llmsys/naiverag") as TabularTask)[0].objectives[0]; // { name: "Answer_llmaaj", r2: 0.4, spearman: 0.6 }
 */
export function surrogateFit(base: TabularTask, options: SurrogateFitOptions = {}): LevelFit[] {
  const seed = options.seed ?? 0;
  const testFraction = options.testFraction ?? 0.2;
  const k = options.k ?? 5;
  const encoder = new FeatureEncoder(base.space);
  const fits: LevelFit[] = [];
  base.table.fidelities.forEach((fidelity, level) => {
    const ok = base.table.rows.filter((row) => row.level === level && !isFailed(row));
    if (ok.length < 10) return;
    const order = rngFor(seed, "surrogate-split", level).shuffle(ok.map((_, i) => i));
    const testCount = Math.max(1, Math.round(ok.length * testFraction));
    const test = order.slice(0, testCount).map((i) => ok[i]);
    const train = order.slice(testCount).map((i) => ok[i]);
    const model = new KnnModel(encoder, train, Math.min(k, train.length));
    const predictions = test.map((row) => model.predict(row.config));
    fits.push({
      fidelity: base.fidelitySpace ? fidelity : null,
      train: train.length,
      test: test.length,
      objectives: base.objectives.map((objective, j) => {
        const actual = test.map((row) => row.values[j] as number);
        const predicted = predictions.map((p) => p[j]);
        return { name: objective.name, r2: rSquared(actual, predicted), spearman: spearman(actual, predicted) };
      }),
    });
  });
  return fits;
}
