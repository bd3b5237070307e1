import type { Acquisition } from "./acquisition.js";
import { minimizeLbfgs } from "./lbfgs.js";
import type { SearchBox } from "./search-box.js";

/** A point and its acquisition value. */
interface Scored {
  x: Float64Array;
  value: number;
}

/** Grids with at most this many values are searched exhaustively (Optuna's threshold too). */
const MAX_EXHAUSTIVE = 16;
/** Rounds over every move before giving up on convergence. */
const MAX_ROUNDS = 100;

/**
 * Coordinate-wise local search of a mixed box (Optuna's `local_search_mixed`): bounded
 * L-BFGS on the active continuous coordinates together, then each discrete coordinate
 * (every value when few, else steps of 1, 2, 4, ... positions each way) and each
 * categorical one (every other choice), until a full round changes nothing. Only improving
 * moves are taken and every point evaluated is legalized first.
 */
export class LocalSearch {
  private readonly continuous: number[];
  private readonly active: Uint8Array;
  private readonly gradient: Float64Array;

  constructor(
    private readonly acquisition: Acquisition,
    private readonly box: SearchBox,
    private readonly lengthscales: Float64Array,
  ) {
    const { dimensions } = box;
    this.continuous = dimensions.flatMap((dimension, c) => (dimension.kind === "continuous" ? [c] : []));
    this.active = new Uint8Array(dimensions.length);
    this.gradient = new Float64Array(dimensions.length);
  }

  /** The best point reachable from `start` (already legal) by improving moves. */
  run(start: Float64Array, startValue: number): Scored {
    let current: Scored = { x: start, value: startValue };
    const moves = this.box.dimensions.length + 1;
    // Move 0 is the continuous step, move c + 1 the one along coordinate c. Stop when a
    // move comes round again without anything having improved since it last did.
    let lastImproved = -1;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      for (let move = 0; move < moves; move++) {
        if (move === lastImproved) return current;
        const next = move === 0 ? this.continuousStep(current) : this.coordinateStep(current, move - 1);
        if (next.value > current.value) {
          current = next;
          lastImproved = move;
        }
      }
      if (lastImproved === -1) return current;
    }
    return current;
  }

  /** Bounded L-BFGS on the active continuous coordinates, in units of their lengthscales. */
  private continuousStep(current: Scored): Scored {
    this.box.legalize(current.x, this.active);
    const free = this.continuous.filter((c) => this.active[c]);
    if (free.length === 0) return current;
    const scales = free.map((c) => this.lengthscales[c]);
    const point = Float64Array.from(current.x);
    const result = minimizeLbfgs(
      (z, gradient) => {
        free.forEach((c, k) => (point[c] = z[k] * scales[k]));
        const value = this.acquisition.valueAndGradient(point, this.gradient);
        free.forEach((c, k) => (gradient[k] = -this.gradient[c] * scales[k]));
        return -value;
      },
      free.map((c, k) => current.x[c] / scales[k]),
      {
        lower: new Float64Array(free.length),
        upper: scales.map((scale) => 1 / scale),
        maxIterations: 200,
        gradientTolerance: 1e-2,
        relativeTolerance: 1e-9,
      },
    );
    if (result.iterations === 0) return current;
    free.forEach((c, k) => (point[c] = result.x[k] * scales[k]));
    // Snaps continuous stand-ins for large integer ranges; floats stay where they are.
    this.box.legalize(point);
    return { x: point, value: this.score(point) };
  }

  private coordinateStep(current: Scored, c: number): Scored {
    const dimension = this.box.dimensions[c];
    if (dimension.kind === "continuous") return current;
    this.box.legalize(current.x, this.active);
    if (!this.active[c]) return current;
    if (dimension.kind === "categorical" || dimension.values.length <= MAX_EXHAUSTIVE) {
      return this.everyValue(current, c, dimension.values);
    }
    return this.alongGrid(current, c, dimension.values);
  }

  /** Tries every other value of coordinate c, scored in one batch. */
  private everyValue(current: Scored, c: number, values: Float64Array): Scored {
    const d = current.x.length;
    const others = values.filter((value) => value !== current.x[c]);
    if (others.length === 0) return current;
    const points = new Float64Array(others.length * d);
    others.forEach((value, k) => {
      const point = points.subarray(k * d, (k + 1) * d);
      point.set(current.x);
      point[c] = value;
      this.box.legalize(point);
    });
    const scores = new Float64Array(others.length);
    this.acquisition.values(points, others.length, scores);
    let best = current;
    for (let k = 0; k < others.length; k++) {
      if (scores[k] > best.value) best = { x: points.slice(k * d, (k + 1) * d), value: scores[k] };
    }
    return best;
  }

  /** Moves along a sorted grid by 1, 2, 4, ... positions each way while that improves. */
  private alongGrid(current: Scored, c: number, values: Float64Array): Scored {
    const origin = nearestIndex(values, current.x[c]);
    let best = current;
    for (const direction of [1, -1]) {
      let lastValue = current.value;
      for (let distance = 1; ; distance *= 2) {
        const index = Math.min(values.length - 1, Math.max(0, origin + direction * distance));
        if (index === origin) break;
        const point = Float64Array.from(current.x);
        point[c] = values[index];
        this.box.legalize(point);
        const value = this.score(point);
        if (value > best.value) best = { x: point, value };
        if (!(value > lastValue) || index === 0 || index === values.length - 1) break;
        lastValue = value;
      }
    }
    return best;
  }

  private score(point: Float64Array): number {
    const value = this.acquisition.value(point);
    return Number.isNaN(value) ? -Infinity : value;
  }
}

/** Index of the value nearest to `x` in an ascending array. */
function nearestIndex(values: Float64Array, x: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle] < x) low = middle + 1;
    else high = middle;
  }
  if (low > 0 && Math.abs(values[low - 1] - x) <= Math.abs(values[low] - x)) return low - 1;
  return low;
}
