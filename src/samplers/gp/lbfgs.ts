/**
 * Minimization by limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed.,
 * algorithm 7.4) with optional box bounds handled by projection: variables at a bound whose
 * gradient pushes outward are frozen for the step, the two-loop direction is taken on the
 * others, and the backtracking (Armijo) line search follows the projected path. Simpler
 * than Byrd et al.'s L-BFGS-B (no generalized Cauchy point) and enough for the handful of
 * kernel parameters and the box [0, 1]^d of an acquisition function.
 */

export interface LbfgsOptions {
  /** Lower bounds, one per variable (default -Infinity everywhere). */
  lower?: ArrayLike<number>;
  /** Upper bounds, one per variable (default +Infinity everywhere). */
  upper?: ArrayLike<number>;
  /** Iterations before stopping (default 100). */
  maxIterations?: number;
  /** Correction pairs kept (default 8). */
  memory?: number;
  /** Stop when every entry of the projected gradient is below this in absolute value (default 1e-5). */
  gradientTolerance?: number;
  /** Stop when an iteration lowers the value by less than this, relatively (default 1e-10). */
  relativeTolerance?: number;
  /** Largest move of any variable on the first iteration, before curvature is known (default 1). */
  initialStep?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  /** Calls of the objective. */
  evaluations: number;
}

/** f(x), with ∇f(x) written into `gradient`. A non-finite value counts as +∞. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

/**
 * Minimizes `objective` from `x0` (projected into the bounds first) and returns the best
 * point found. Deterministic: the same inputs give the same iterates.
 *
 * @example
 * const { x } = minimizeLbfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; },
 *   Float64Array.of(0), { upper: [2] }); // x = [2]
 */
export function minimizeLbfgs(objective: Objective, x0: ArrayLike<number>, options: LbfgsOptions = {}): LbfgsResult {
  const m = x0.length;
  const lower = Float64Array.from({ length: m }, (_, i) => options.lower?.[i] ?? -Infinity);
  const upper = Float64Array.from({ length: m }, (_, i) => options.upper?.[i] ?? Infinity);
  const maxIterations = options.maxIterations ?? 100;
  const memory = Math.max(1, options.memory ?? 8);
  const gradientTolerance = options.gradientTolerance ?? 1e-5;
  const relativeTolerance = options.relativeTolerance ?? 1e-10;
  const initialStep = options.initialStep ?? 1;

  let x: Float64Array = Float64Array.from(x0, (v, i) => clamp(v, lower[i], upper[i]));
  let gradient: Float64Array = new Float64Array(m);
  let value = finiteOrInfinity(objective(x, gradient));
  let evaluations = 1;
  if (value === Infinity) return { x, value, iterations: 0, evaluations };

  const pairs: { s: Float64Array; y: Float64Array; rho: number }[] = [];
  const direction = new Float64Array(m);
  const alphas = new Float64Array(memory);
  const free = new Uint8Array(m);
  let trial: Float64Array = new Float64Array(m);
  let trialGradient: Float64Array = new Float64Array(m);
  let iteration = 0;
  for (; iteration < maxIterations; iteration++) {
    // Free variables: those the negative gradient does not push out of the box.
    let projectedGradient = 0;
    for (let i = 0; i < m; i++) {
      const blocked = (x[i] <= lower[i] && gradient[i] > 0) || (x[i] >= upper[i] && gradient[i] < 0);
      free[i] = blocked ? 0 : 1;
      if (!blocked) projectedGradient = Math.max(projectedGradient, Math.abs(gradient[i]));
    }
    if (projectedGradient < gradientTolerance) break;

    twoLoopDirection(gradient, free, pairs, alphas, direction);
    let slope = dotFree(direction, gradient, free);
    if (!(slope < 0)) {
      // Not a descent direction (stale curvature near a bound): restart from steepest descent.
      pairs.length = 0;
      for (let i = 0; i < m; i++) direction[i] = free[i] ? -gradient[i] : 0;
      slope = dotFree(direction, gradient, free);
    }
    let step = 1;
    if (pairs.length === 0) {
      let largest = 0;
      for (let i = 0; i < m; i++) largest = Math.max(largest, Math.abs(direction[i]));
      step = Math.min(1, initialStep / largest);
    }

    let trialValue = Infinity;
    for (let attempt = 0; attempt < 40; attempt++) {
      let decrease = 0;
      for (let i = 0; i < m; i++) {
        trial[i] = clamp(x[i] + step * direction[i], lower[i], upper[i]);
        decrease += gradient[i] * (trial[i] - x[i]);
      }
      trialValue = finiteOrInfinity(objective(trial, trialGradient));
      evaluations++;
      if (trialValue <= value + 1e-4 * Math.min(decrease, 0)) break;
      trialValue = Infinity;
      step *= 0.5;
    }
    if (trialValue === Infinity) break;

    const s = new Float64Array(m);
    const y = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      s[i] = trial[i] - x[i];
      y[i] = trialGradient[i] - gradient[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-10 * dot(y, y)) {
      if (pairs.length === memory) pairs.shift();
      pairs.push({ s, y, rho: 1 / sy });
    }
    const improvement = value - trialValue;
    [x, trial] = [trial, x];
    [gradient, trialGradient] = [trialGradient, gradient];
    value = trialValue;
    if (improvement <= relativeTolerance * Math.max(1, Math.abs(value))) {
      iteration++;
      break;
    }
  }
  return { x, value, iterations: iteration, evaluations };
}

/** direction = -H ∇f restricted to free variables (two-loop recursion, algorithm 7.4). */
function twoLoopDirection(
  gradient: Float64Array,
  free: Uint8Array,
  pairs: readonly { s: Float64Array; y: Float64Array; rho: number }[],
  alphas: Float64Array,
  direction: Float64Array,
): void {
  const m = gradient.length;
  for (let i = 0; i < m; i++) direction[i] = free[i] ? -gradient[i] : 0;
  for (let k = pairs.length - 1; k >= 0; k--) {
    const { s, y, rho } = pairs[k];
    alphas[k] = rho * dotFree(s, direction, free);
    for (let i = 0; i < m; i++) if (free[i]) direction[i] -= alphas[k] * y[i];
  }
  if (pairs.length > 0) {
    const { s, y } = pairs[pairs.length - 1];
    const gamma = dot(s, y) / dot(y, y);
    for (let i = 0; i < m; i++) direction[i] *= gamma;
  }
  for (let k = 0; k < pairs.length; k++) {
    const { s, y, rho } = pairs[k];
    const beta = rho * dotFree(y, direction, free);
    for (let i = 0; i < m; i++) if (free[i]) direction[i] += (alphas[k] - beta) * s[i];
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function dotFree(a: Float64Array, b: Float64Array, free: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) if (free[i]) sum += a[i] * b[i];
  return sum;
}

function clamp(v: number, low: number, high: number): number {
  return v < low ? low : v > high ? high : v;
}

function finiteOrInfinity(value: number): number {
  return Number.isFinite(value) ? value : Infinity;
}
