/**
 * The covariance function: a Matérn 5/2 kernel on a scaled squared distance that sums
 * (xᵢ - yᵢ)² / ℓᵢ² over numeric dimensions (ARD: one lengthscale per dimension) and
 * [xᵢ ≠ yᵢ] / ℓᵢ² over categorical ones (Hamming distance with its own lengthscale).
 */

/** Kernel hyperparameters: k(x, y) = scale · matern52(r²(x, y)), observations add `noise`. */
export interface KernelParams {
  /** 1 / ℓᵢ² for each dimension. */
  inverseSquaredLengthscales: Float64Array;
  /** Prior variance of the latent function. */
  scale: number;
  /** Variance of the observation noise. */
  noise: number;
  /** Branch weight w_g of each conditional group (conditional kernel only; see conditional-kernel.ts). */
  branchWeights?: Float64Array;
}

const SQRT5 = Math.sqrt(5);

/** Matérn 5/2 correlation as a function of the squared scaled distance r². */
export function matern52(r2: number): number {
  const s = SQRT5 * Math.sqrt(r2);
  return (1 + s + (s * s) / 3) * Math.exp(-s);
}

/** d matern52 / d(r²): smooth at r² = 0, where it equals -5/6. */
export function matern52Derivative(r2: number): number {
  const s = SQRT5 * Math.sqrt(r2);
  return -(5 / 6) * (1 + s) * Math.exp(-s);
}

/**
 * r² between row `i` of `a` and row `j` of `b` (rows of `d` numbers), scaled by the
 * inverse squared lengthscales; categorical dimensions count 1 when the values differ.
 */
export function scaledSquaredDistance(
  a: Float64Array,
  i: number,
  b: Float64Array,
  j: number,
  d: number,
  inverseSquaredLengthscales: Float64Array,
  categorical: Uint8Array,
): number {
  const offsetA = i * d;
  const offsetB = j * d;
  let r2 = 0;
  for (let c = 0; c < d; c++) {
    const diff = a[offsetA + c] - b[offsetB + c];
    if (categorical[c]) {
      if (diff !== 0) r2 += inverseSquaredLengthscales[c];
    } else {
      r2 += diff * diff * inverseSquaredLengthscales[c];
    }
  }
  return r2;
}

/**
 * The kernel matrix of the rows of `x` (n × d) with `noise` added to the diagonal,
 * row-major. When `slopes` is given, entry (i, j) below the diagonal gets
 * scale · matern52Derivative(r²ᵢⱼ), which the likelihood gradient needs.
 */
export function kernelMatrix(
  x: Float64Array,
  n: number,
  d: number,
  params: KernelParams,
  categorical: Uint8Array,
  slopes: Float64Array | null = null,
): Float64Array {
  const k = new Float64Array(n * n);
  const { inverseSquaredLengthscales, scale, noise } = params;
  for (let i = 0; i < n; i++) {
    k[i * n + i] = scale + noise;
    for (let j = 0; j < i; j++) {
      const r2 = scaledSquaredDistance(x, i, x, j, d, inverseSquaredLengthscales, categorical);
      // matern52 and matern52Derivative, sharing exp(-s).
      const s = SQRT5 * Math.sqrt(r2);
      const decay = scale * Math.exp(-s);
      const value = (1 + s + (s * s) / 3) * decay;
      k[i * n + j] = value;
      k[j * n + i] = value;
      if (slopes) slopes[i * n + j] = -(5 / 6) * (1 + s) * decay;
    }
  }
  return k;
}
