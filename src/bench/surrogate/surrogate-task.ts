import { rngFor } from "../../math/index.js";
import type { Config, Space } from "../../space/index.js";
import { FeatureEncoder, isFailed, type TabularTask } from "../tabular/index.js";
import type { Evaluation, Objective, Task, TaskSource } from "../task/index.js";
import { KnnModel, weightedCost } from "./knn-model.js";

/** Options of surrogateTask. */
export interface SurrogateOptions {
  /** Neighbours per prediction (default 5). */
  k?: number;
  /** Add a leave-one-out residual drawn with rngFor(seed, ...) to each prediction (default true). */
  noise?: boolean;
  /** Task id (default "surrogate/" + the tabular task's id). */
  id?: string;
}

interface LevelModel {
  /** Regression on the successful rows of the level. */
  values: KnnModel;
  /** Neighbours among all rows of the level, to predict failures. */
  all: KnnModel;
  residuals: number[][];
  low: number[];
  high: number[];
  worst: number[];
}

/**
 * A surrogate of a tabular task: k-nearest-neighbour regression (k = 5, inverse-distance
 * weights) on the normalized space, fitted per fidelity level, so that a continuous optimizer
 * sees a landscape that varies between recorded points rather than a patchwork of nearest rows.
 * With `noise` (default), each evaluation adds the leave-one-out residual of one training row,
 * drawn with rngFor(seed, "surrogate", level, config), keeping the data's noise level; the result
 * is clipped to the observed range of each objective. A run is predicted to fail when the
 * inverse-distance-weighted share of failed rows among its k nearest rows exceeds one half.
 * Costs are the weighted mean of the neighbours' costs. Deterministic in (config, fidelity, seed).
 */
export function surrogateTask(base: TabularTask, options: SurrogateOptions = {}): SurrogateTask {
  return new SurrogateTask(base, options);
}

export class SurrogateTask implements Task {
  readonly id: string;
  readonly description: string;
  readonly space: Space;
  readonly fidelitySpace: Space | null;
  readonly fidelities: readonly Config[] | undefined;
  readonly objectives: readonly Objective[];
  readonly costNames: readonly string[];
  readonly optimum: number;
  readonly worst: number;
  readonly rows: number;
  readonly source: TaskSource;
  readonly license: string;
  readonly sha256: Readonly<Record<string, string>> | undefined;
  readonly synthetic = false;
  readonly base: TabularTask;
  readonly k: number;
  private readonly noise: boolean;
  private readonly encoder: FeatureEncoder;
  private fitted: (LevelModel | null)[] | undefined;

  constructor(base: TabularTask, options: SurrogateOptions = {}) {
    this.base = base;
    this.k = options.k ?? 5;
    this.noise = options.noise ?? true;
    this.id = options.id ?? `surrogate/${base.id}`;
    this.description = `k-NN surrogate (k=${this.k}) of ${base.id}: ${base.description}`;
    this.space = base.space;
    this.fidelitySpace = base.fidelitySpace;
    this.fidelities = base.fidelities;
    this.objectives = base.objectives;
    this.costNames = base.costNames;
    // The data's best and worst recorded values; the surrogate's own extremes can only lie inside them (clipping).
    this.optimum = base.optimum;
    this.worst = base.worst;
    this.rows = base.rows;
    this.source = base.source;
    this.license = base.license;
    this.sha256 = base.sha256;
    this.encoder = new FeatureEncoder(base.space);
  }

  evaluate(config: Config, fidelity: Config | null, seed: number): Evaluation {
    this.space.validate(config);
    const level = this.base.levelOf(fidelity);
    // Fitted on first use, so listing tasks stays cheap.
    this.fitted ??= this.base.table.fidelities.map((_, i) => this.fitLevel(i));
    const model = this.fitted[level];
    if (!model) return this.base.evaluate(config, fidelity, seed);
    const point = this.encoder.encode(config);
    const around = model.all.neighbours(point);
    const failedShare = around.rows.reduce((sum, row, i) => sum + (isFailed(row) ? around.weights[i] : 0), 0);
    if (failedShare > 0.5) return { values: model.worst.slice(), cost: weightedCost(around.rows, around.weights), failed: true };
    const { rows, weights } = model.values.neighbours(point);
    const values = model.values.predict(point);
    if (this.noise) {
      const rng = rngFor(seed, "surrogate", level, JSON.stringify(this.space.names.map((name) => config[name] ?? null)));
      const residual = model.residuals[rng.int(model.residuals.length)];
      values.forEach((v, j) => (values[j] = v + residual[j]));
    }
    values.forEach((v, j) => (values[j] = Math.min(model.high[j], Math.max(model.low[j], v))));
    const result: Evaluation = { values, cost: weightedCost(rows, weights) };
    const elapsed = rows.every((row) => row.elapsedSeconds !== undefined)
      ? rows.reduce((sum, row, i) => sum + weights[i] * (row.elapsedSeconds as number), 0)
      : undefined;
    if (elapsed !== undefined) result.elapsedSeconds = elapsed;
    return result;
  }

  /** The model of one fidelity level, or null when it has too few successful rows (then the table answers). */
  private fitLevel(level: number): LevelModel | null {
    const rows = this.base.table.rows.filter((row) => row.level === level);
    const ok = rows.filter((row) => !isFailed(row));
    if (ok.length <= this.k) return null;
    const values = new KnnModel(this.encoder, ok, this.k);
    const width = this.objectives.length;
    const column = (j: number) => ok.map((row) => row.values[j] as number);
    const low = Array.from({ length: width }, (_, j) => Math.min(...column(j)));
    const high = Array.from({ length: width }, (_, j) => Math.max(...column(j)));
    const worst = this.objectives.map((objective, j) => (objective.direction === "maximize" ? low[j] : high[j]));
    return { values, all: new KnnModel(this.encoder, rows, this.k), residuals: values.leaveOneOutResiduals(), low, high, worst };
  }
}
