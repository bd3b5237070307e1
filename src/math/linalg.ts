import { KnobsError } from "../errors/index.js";

/**
 * Small dense linear algebra for symmetric positive-definite systems (Gaussian-process
 * kernel matrices). Matrices are row-major `Float64Array`s of n * n entries. The inner
 * loops are dot products over contiguous memory with four accumulators, which V8 runs
 * several times faster than one running sum.
 */

export interface CholeskyOptions {
  /**
   * First jitter tried, relative to the mean of the diagonal, when the plain
   * factorization fails (default 1e-10). Each retry multiplies it by 10.
   */
  jitter?: number;
  /** Retries with growing jitter before giving up (default 10). */
  maxTries?: number;
}

export interface CholeskyResult {
  /** Lower-triangular L with L Lᵀ = A + jitter I (upper triangle zero). */
  factor: Float64Array;
  /** What was added to the diagonal: 0 when A factored as given. */
  jitter: number;
}

/**
 * Lower Cholesky factor of a symmetric positive-definite matrix. A matrix that is
 * singular or slightly indefinite through rounding gets a growing multiple of the
 * identity added until it factors, so the result never holds NaN; throws a KnobsError
 * (`not_positive_definite`, `invalid_matrix`) when even that fails. Reads only the lower
 * triangle of `a`.
 *
 * @example
 * const { factor } = cholesky(Float64Array.of(4, 2, 2, 5), 2); // [2, 0, 1, 2]
 */
export function cholesky(a: Float64Array, n: number, options: CholeskyOptions = {}): CholeskyResult {
  if (a.length !== n * n) {
    throw new KnobsError("invalid_matrix", `a ${n} x ${n} matrix needs ${n * n} entries, but got ${a.length}`);
  }
  const factor = new Float64Array(n * n);
  if (tryCholesky(a, n, 0, factor)) return { factor, jitter: 0 };
  let meanDiagonal = 0;
  for (let i = 0; i < n; i++) meanDiagonal += Math.abs(a[i * n + i]);
  meanDiagonal = meanDiagonal / Math.max(1, n) || 1;
  if (!Number.isFinite(meanDiagonal)) {
    throw new KnobsError("invalid_matrix", "cannot factor a matrix with non-finite entries");
  }
  let jitter = (options.jitter ?? 1e-10) * meanDiagonal;
  const maxTries = options.maxTries ?? 10;
  for (let attempt = 0; attempt < maxTries; attempt++, jitter *= 10) {
    if (tryCholesky(a, n, jitter, factor)) return { factor, jitter };
  }
  throw new KnobsError(
    "not_positive_definite",
    `the matrix is not positive definite even with ${jitter / 10} added to its diagonal`,
  );
}

/**
 * Column by column (left-looking): Lᵢⱼ = (Aᵢⱼ - rowᵢ · rowⱼ) / Lⱼⱼ over the first j
 * entries, four rows i at a time so that they share the loads of row j.
 */
function tryCholesky(a: Float64Array, n: number, jitter: number, l: Float64Array): boolean {
  l.fill(0);
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    const pivot = a[rowJ + j] + jitter - dotRange(l, rowJ, l, rowJ, j);
    if (!(pivot > 0) || !Number.isFinite(pivot)) return false;
    const diagonal = Math.sqrt(pivot);
    l[rowJ + j] = diagonal;
    let i = j + 1;
    for (; i + 3 < n; i += 4) {
      const r0 = i * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < j; k++) {
        const ljk = l[rowJ + k];
        s0 += l[r0 + k] * ljk;
        s1 += l[r1 + k] * ljk;
        s2 += l[r2 + k] * ljk;
        s3 += l[r3 + k] * ljk;
      }
      l[r0 + j] = (a[r0 + j] - s0) / diagonal;
      l[r1 + j] = (a[r1 + j] - s1) / diagonal;
      l[r2 + j] = (a[r2 + j] - s2) / diagonal;
      l[r3 + j] = (a[r3 + j] - s3) / diagonal;
    }
    for (; i < n; i++) l[i * n + j] = (a[i * n + j] - dotRange(l, i * n, l, rowJ, j)) / diagonal;
  }
  return true;
}

/** Σₖ a[aStart + k] · b[bStart + k] for k < length, with four accumulators. */
export function dotRange(a: Float64Array, aStart: number, b: Float64Array, bStart: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < length; k += 4) {
    s0 += a[aStart + k] * b[bStart + k];
    s1 += a[aStart + k + 1] * b[bStart + k + 1];
    s2 += a[aStart + k + 2] * b[bStart + k + 2];
    s3 += a[aStart + k + 3] * b[bStart + k + 3];
  }
  for (; k < length; k++) s0 += a[aStart + k] * b[bStart + k];
  return s0 + s1 + (s2 + s3);
}

/** Solves L x = b for lower-triangular L; writes into `out` (may be `b`) and returns it. */
export function solveLower(l: Float64Array, n: number, b: ArrayLike<number>, out: Float64Array = new Float64Array(n)): Float64Array {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    out[i] = (b[i] - dotRange(l, row, out, 0, i)) / l[row + i];
  }
  return out;
}

/** Right-hand sides solved together by lowerSolveSquaredNorms. */
const BLOCK = 8;

/**
 * ‖L⁻¹ bᵣ‖² for `count` right-hand sides bᵣ (row r of `b`, n entries from r * n), written
 * to `out`: the variance a Gaussian process explains at r points. Eight systems share each
 * pass over L, with their partial solutions interleaved so that the inner loop reads one
 * contiguous run; that is several times faster than solving them one by one.
 */
export function lowerSolveSquaredNorms(
  l: Float64Array,
  n: number,
  b: Float64Array,
  count: number,
  out: Float64Array = new Float64Array(count),
): Float64Array {
  const v = new Float64Array(BLOCK * n);
  let r = 0;
  for (; r + BLOCK <= count; r += BLOCK) {
    const base = r * n;
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let n3 = 0;
    let n4 = 0;
    let n5 = 0;
    let n6 = 0;
    let n7 = 0;
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let s4 = 0;
      let s5 = 0;
      let s6 = 0;
      let s7 = 0;
      for (let k = 0, q = 0; k < i; k++, q += BLOCK) {
        const lik = l[row + k];
        s0 += lik * v[q];
        s1 += lik * v[q + 1];
        s2 += lik * v[q + 2];
        s3 += lik * v[q + 3];
        s4 += lik * v[q + 4];
        s5 += lik * v[q + 5];
        s6 += lik * v[q + 6];
        s7 += lik * v[q + 7];
      }
      const inverseDiagonal = 1 / l[row + i];
      const q = i * BLOCK;
      const o = base + i;
      const v0 = (b[o] - s0) * inverseDiagonal;
      const v1 = (b[o + n] - s1) * inverseDiagonal;
      const v2 = (b[o + 2 * n] - s2) * inverseDiagonal;
      const v3 = (b[o + 3 * n] - s3) * inverseDiagonal;
      const v4 = (b[o + 4 * n] - s4) * inverseDiagonal;
      const v5 = (b[o + 5 * n] - s5) * inverseDiagonal;
      const v6 = (b[o + 6 * n] - s6) * inverseDiagonal;
      const v7 = (b[o + 7 * n] - s7) * inverseDiagonal;
      v[q] = v0;
      v[q + 1] = v1;
      v[q + 2] = v2;
      v[q + 3] = v3;
      v[q + 4] = v4;
      v[q + 5] = v5;
      v[q + 6] = v6;
      v[q + 7] = v7;
      n0 += v0 * v0;
      n1 += v1 * v1;
      n2 += v2 * v2;
      n3 += v3 * v3;
      n4 += v4 * v4;
      n5 += v5 * v5;
      n6 += v6 * v6;
      n7 += v7 * v7;
    }
    out[r] = n0;
    out[r + 1] = n1;
    out[r + 2] = n2;
    out[r + 3] = n3;
    out[r + 4] = n4;
    out[r + 5] = n5;
    out[r + 6] = n6;
    out[r + 7] = n7;
  }
  const single = v.subarray(0, n);
  for (; r < count; r++) {
    solveLower(l, n, b.subarray(r * n, (r + 1) * n), single);
    out[r] = dotRange(single, 0, single, 0, n);
  }
  return out;
}

/** Solves Lᵀ x = b for lower-triangular L; writes into `out` (may be `b`) and returns it. */
export function solveLowerTransposed(
  l: Float64Array,
  n: number,
  b: ArrayLike<number>,
  out: Float64Array = new Float64Array(n),
): Float64Array {
  if (out !== b) for (let i = 0; i < n; i++) out[i] = b[i];
  for (let i = n - 1; i >= 0; i--) {
    const xi = out[i] / l[i * n + i];
    out[i] = xi;
    // Column i of Lᵀ above the diagonal is row i of L left of it.
    const row = i * n;
    for (let k = 0; k < i; k++) out[k] -= l[row + k] * xi;
  }
  return out;
}

/**
 * Solves U x = b for upper-triangular U (e.g. Lᵀ stored as its own matrix, see
 * `transpose`); the inner loop runs along rows, faster than solveLowerTransposed when
 * the same factor serves many solves. Writes into `out` (may be `b`) and returns it.
 */
export function solveUpper(u: Float64Array, n: number, b: ArrayLike<number>, out: Float64Array = new Float64Array(n)): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    const row = i * n;
    out[i] = (b[i] - dotRange(u, row + i + 1, out, i + 1, n - i - 1)) / u[row + i];
  }
  return out;
}

/** The transpose of an n x n row-major matrix. */
export function transpose(a: Float64Array, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = a[i * n + j];
  return t;
}

/** Solves (L Lᵀ) x = b given the Cholesky factor L. */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>, out: Float64Array = new Float64Array(n)): Float64Array {
  solveLower(l, n, b, out);
  return solveLowerTransposed(l, n, out, out);
}

/** The inverse (L Lᵀ)⁻¹ as a full symmetric matrix, from the Cholesky factor L. */
export function choleskyInverse(l: Float64Array, n: number): Float64Array {
  // Row j of `mt` is column j of M = L⁻¹ (zero before entry j), the solution of L m = eⱼ.
  const mt = new Float64Array(n * n);
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const o0 = j * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    for (let i = j; i < n; i++) {
      const row = i * n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = j; k < i; k++) {
        const lik = l[row + k];
        s0 += lik * mt[o0 + k];
        s1 += lik * mt[o1 + k];
        s2 += lik * mt[o2 + k];
        s3 += lik * mt[o3 + k];
      }
      // Entries before a column's own index come out 0, as they should.
      const inverseDiagonal = 1 / l[row + i];
      mt[o0 + i] = ((i === j ? 1 : 0) - s0) * inverseDiagonal;
      mt[o1 + i] = ((i === j + 1 ? 1 : 0) - s1) * inverseDiagonal;
      mt[o2 + i] = ((i === j + 2 ? 1 : 0) - s2) * inverseDiagonal;
      mt[o3 + i] = ((i === j + 3 ? 1 : 0) - s3) * inverseDiagonal;
    }
  }
  for (; j < n; j++) {
    const offset = j * n;
    for (let i = j; i < n; i++) {
      const row = i * n;
      mt[offset + i] = ((i === j ? 1 : 0) - dotRange(l, row + j, mt, offset + j, i - j)) / l[row + i];
    }
  }
  // A⁻¹ = Mᵀ M: entry (i, j), i >= j, is the dot product of rows i and j of `mt` from entry i.
  const inverse = new Float64Array(n * n);
  for (let col = 0; col < n; col++) {
    const oj = col * n;
    let i = col;
    for (; i + 3 < n; i += 4) {
      const o0 = i * n;
      const o1 = o0 + n;
      const o2 = o1 + n;
      const o3 = o2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      // Rows i + 1.. are zero before their own index, so every sum can start at i.
      for (let k = i; k < n; k++) {
        const mjk = mt[oj + k];
        s0 += mt[o0 + k] * mjk;
        s1 += mt[o1 + k] * mjk;
        s2 += mt[o2 + k] * mjk;
        s3 += mt[o3 + k] * mjk;
      }
      inverse[o0 + col] = s0;
      inverse[o1 + col] = s1;
      inverse[o2 + col] = s2;
      inverse[o3 + col] = s3;
    }
    for (; i < n; i++) inverse[i * n + col] = dotRange(mt, i * n + i, mt, oj + i, n - i);
  }
  for (let i = 0; i < n; i++) for (let c = 0; c < i; c++) inverse[c * n + i] = inverse[i * n + c];
  return inverse;
}

/** log det(L Lᵀ) = 2 Σ log Lᵢᵢ. */
export function choleskyLogDet(l: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(l[i * n + i]);
  return 2 * sum;
}
