/**
 * Eigendecomposition of a small symmetric matrix by cyclic Jacobi rotations. Matrices
 * are row-major `Float64Array`s of n * n entries. Accurate to rounding for the sizes a
 * covariance matrix of an HPO search space has (a few dozen dimensions), and for a positive
 * definite matrix the small eigenvalues are accurate relative to themselves (Demmel & Veselić
 * 1992), which ill-conditioned covariance matrices need. O(n³) per sweep, a handful of sweeps.
 */

export interface EigenSymmetricOptions {
  /** Sweeps over every off-diagonal pair before giving up (default 100; a few suffice). */
  maxSweeps?: number;
}

export interface EigenSymmetricResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Row-major n * n; column k (entries `k, n + k, 2n + k, ...`) is the unit eigenvector of `values[k]`. */
  vectors: Float64Array;
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix: A = V diag(values) Vᵀ with V
 * orthogonal. Reads the upper triangle of `matrix` and leaves it unchanged.
 *
 * @example
 * const { values, vectors } = eigenSymmetric(Float64Array.of(2, 1, 1, 2), 2);
 * // values = [1, 3]; vectors columns = [1, -1] / √2 and [1, 1] / √2 (up to sign)
 */
export function eigenSymmetric(
  matrix: ArrayLike<number>,
  n: number,
  options: EigenSymmetricOptions = {},
): EigenSymmetricResult {
  if (matrix.length !== n * n) {
    throw new RangeError(`eigenSymmetric expects ${n * n} entries for n=${n}, but got ${matrix.length}`);
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const entry = matrix[i * n + j];
      if (!Number.isFinite(entry)) throw new RangeError(`eigenSymmetric expects finite entries, but entry (${i}, ${j}) is ${entry}`);
      a[i * n + j] = entry;
      a[j * n + i] = entry;
    }
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  let norm = 0;
  for (let i = 0; i < n * n; i++) norm += a[i] * a[i];
  // An entry is negligible when it is below rounding relative to its two diagonal entries (which
  // keeps small eigenvalues of a positive definite matrix accurate relative to themselves, as
  // covariance matrices need) or far below rounding relative to the whole matrix.
  const floor = 1e-18 * Math.sqrt(norm);
  const maxSweeps = options.maxSweeps ?? 100;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = Math.abs(a[p * n + q]);
        if (apq <= floor || apq <= Number.EPSILON * Math.sqrt(Math.abs(a[p * n + p] * a[q * n + q]))) continue;
        rotate(a, v, n, p, q);
        rotated = true;
      }
    }
    if (!rotated) break;
  }

  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i] - values[j] || i - j);
  const sortedValues = new Float64Array(n);
  const sortedVectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    sortedValues[to] = values[from];
    for (let i = 0; i < n; i++) sortedVectors[i * n + to] = v[i * n + from];
  });
  return { values: sortedValues, vectors: sortedVectors };
}

/** One Jacobi rotation in the (p, q) plane that zeroes a[p][q]; accumulates it into v. */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q];
  if (apq === 0) return;
  const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
  // t = tan φ, the smaller root of t² + 2θt - 1 = 0; 1 / (2θ) once θ² would overflow.
  const t = Math.abs(theta) > 1e150 ? 1 / (2 * theta) : (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  // A <- A J (columns p, q), then A <- Jᵀ A (rows p, q).
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p];
    const akq = a[k * n + q];
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k];
    const aqk = a[q * n + k];
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  a[p * n + q] = 0;
  a[q * n + p] = 0;
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p];
    const vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}
