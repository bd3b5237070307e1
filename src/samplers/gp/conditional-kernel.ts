import type { KernelParams } from "./kernel.js";

/**
 * A kernel for conditional spaces that compares two points only on the features active in
 * both, with a branch term where one of them has a group the other lacks:
 *
 *   k(x, y) = scale · M(r²₀) · Π_g F_g(x, y)
 *
 * where group 0 holds the features every point has, M is Matérn 5/2 on their ARD distance
 * (as the plain kernel), and each conditional group g (the features sharing one `when`) gives
 *   F_g = 1                        when neither point has the group,
 *   F_g = w_g                      when exactly one has it (the branch term),
 *   F_g = w_g + (1 - w_g) M(r²_g)  when both have it, r²_g their distance on its features.
 * Each F_g is positive semi-definite (a constant w_g plus (1 - w_g) times a block kernel that
 * is M on points having the group, 1 between points lacking it and 0 across), so k is. The
 * inactive features are never compared nor given a value: a point marks them NaN.
 */

/** Which features belong together; the structure of a conditional space. */
export interface KernelGroups {
  /** Group of each feature: 0 for features every point has, g >= 1 for the g-th conditional group. */
  of: Int32Array;
  /** Number of conditional groups. */
  count: number;
  /** One feature of each conditional group (group g at index g - 1): NaN there means the group is absent. */
  leaders: Int32Array;
}

/** Group of a pair of points: present in neither, in exactly one, or in both. */
const NEITHER = 0;
const ONE = 1;
const BOTH = 2;

const SQRT5 = Math.sqrt(5);

/**
 * Evaluates the conditional kernel between rows of feature matrices, and on request the
 * pieces its gradients need. One instance per set of kernel parameters; not reentrant.
 */
export class ConditionalKernel {
  /**
   * After `combine(true)`: for each group h (0 included), scale · Π_{g≠h} F_g · dF_h/dr²_h
   * (0 when the group is not in both points), so dk/dρ_c = slopes[group of c] · dist_c.
   */
  readonly slopes: Float64Array;
  /** After `combine(true)`: for each conditional group g (index g - 1), dk/dw_g. */
  readonly weightSlopes: Float64Array;
  /** Per group, NEITHER, ONE or BOTH of the two points compared have it (group 0: BOTH). */
  readonly state: Uint8Array;
  /** Per group, the scaled squared distance on its features (read when BOTH). */
  readonly r2: Float64Array;
  private readonly factors: Float64Array;
  private readonly derivatives: Float64Array;
  private readonly materns: Float64Array;
  private readonly prefix: Float64Array;
  /** The features of each group. */
  private readonly dims: Int32Array[];

  constructor(
    readonly params: KernelParams,
    private readonly categorical: Uint8Array,
    readonly groups: KernelGroups,
  ) {
    const size = groups.count + 1;
    this.slopes = new Float64Array(size);
    this.weightSlopes = new Float64Array(groups.count);
    this.state = new Uint8Array(size);
    this.r2 = new Float64Array(size);
    this.factors = new Float64Array(size);
    this.derivatives = new Float64Array(size);
    this.materns = new Float64Array(size);
    this.prefix = new Float64Array(size + 1);
    this.dims = Array.from({ length: size }, (_, g) => Int32Array.from(groupFeatures(groups, g)));
  }

  /** k(row i of a, row j of b) for rows of d features; with `withSlopes`, fills slopes and weightSlopes. */
  evaluate(a: Float64Array, i: number, b: Float64Array, j: number, d: number, withSlopes: boolean): number {
    this.compare(a, i * d, b, j * d);
    return this.combine(withSlopes);
  }

  /** Sets state and r² for the rows of a and b starting at these offsets. */
  compare(a: Float64Array, offsetA: number, b: Float64Array, offsetB: number): void {
    const { state, r2, dims, categorical } = this;
    const { leaders, count } = this.groups;
    const rho = this.params.inverseSquaredLengthscales;
    state[0] = BOTH;
    for (let g = 1; g <= count; g++) {
      const leader = leaders[g - 1];
      state[g] = (Number.isNaN(a[offsetA + leader]) ? 0 : 1) + (Number.isNaN(b[offsetB + leader]) ? 0 : 1);
    }
    for (let g = 0; g <= count; g++) {
      if (state[g] !== BOTH) continue;
      const features = dims[g];
      let sum = 0;
      for (let q = 0; q < features.length; q++) {
        const c = features[q];
        const diff = a[offsetA + c] - b[offsetB + c];
        if (categorical[c]) {
          if (diff !== 0) sum += rho[c];
        } else {
          sum += diff * diff * rho[c];
        }
      }
      r2[g] = sum;
    }
  }

  /** k from `state` and `r2` (set by compare, or by the caller); with `withSlopes`, fills the slopes. */
  combine(withSlopes: boolean): number {
    const { count } = this.groups;
    const { scale } = this.params;
    const weights = this.params.branchWeights as Float64Array;
    const { state, r2, factors, derivatives, materns } = this;
    for (let g = 0; g <= count; g++) {
      if (state[g] === NEITHER) {
        factors[g] = 1;
        derivatives[g] = 0;
        continue;
      }
      const w = g === 0 ? 0 : weights[g - 1];
      if (state[g] === ONE) {
        factors[g] = w;
        derivatives[g] = 0;
        continue;
      }
      const s = SQRT5 * Math.sqrt(r2[g]);
      const decay = Math.exp(-s);
      materns[g] = (1 + s + (s * s) / 3) * decay;
      factors[g] = w + (1 - w) * materns[g];
      derivatives[g] = -(1 - w) * (5 / 6) * (1 + s) * decay;
    }
    // Products of the other factors without dividing (a Matérn factor may underflow to 0).
    const prefix = this.prefix;
    prefix[0] = 1;
    for (let g = 0; g <= count; g++) prefix[g + 1] = prefix[g] * factors[g];
    const value = scale * prefix[count + 1];
    if (!withSlopes) return value;
    let suffix = scale;
    for (let g = count; g >= 0; g--) {
      const others = prefix[g] * suffix;
      this.slopes[g] = others * derivatives[g];
      // dF/dw: 1 with the group in one point, 1 - M(r²) in both, 0 in neither.
      if (g > 0) this.weightSlopes[g - 1] = state[g] === ONE ? others : state[g] === BOTH ? others * (1 - materns[g]) : 0;
      suffix *= factors[g];
    }
    return value;
  }
}

/** Indices of the features in group g. */
function groupFeatures(groups: KernelGroups, g: number): number[] {
  return Array.from(groups.of).flatMap((group, c) => (group === g ? [c] : []));
}

/**
 * What the conditional kernel matrix of fixed points needs whatever the kernel parameters:
 * for each pair j < i (pair index i (i - 1) / 2 + j), which groups both, one or neither
 * point has, and each feature's unscaled distance ((xᶜ - yᶜ)², or 1 for differing
 * categories) where its group is in both points, else 0. Computed once per fit, it spares
 * the likelihood's iterations from reading the points again.
 */
export class PairGeometry {
  readonly states: Uint8Array;
  readonly distances: Float64Array;

  constructor(x: Float64Array, n: number, d: number, categorical: Uint8Array, groups: KernelGroups) {
    const size = groups.count + 1;
    const pairs = (n * (n - 1)) / 2;
    this.states = new Uint8Array(pairs * size);
    this.distances = new Float64Array(pairs * d);
    const probe = new ConditionalKernel({ inverseSquaredLengthscales: new Float64Array(d), scale: 1, noise: 0 }, categorical, groups);
    for (let i = 0, p = 0; i < n; i++) {
      for (let j = 0; j < i; j++, p++) {
        probe.compare(x, i * d, x, j * d);
        this.states.set(probe.state, p * size);
        for (let c = 0; c < d; c++) {
          if (probe.state[groups.of[c]] !== BOTH) continue;
          const diff = x[i * d + c] - x[j * d + c];
          this.distances[p * d + c] = categorical[c] ? (diff !== 0 ? 1 : 0) : diff * diff;
        }
      }
    }
  }
}

/**
 * The kernel matrix of the rows of `x` (n × d) with `noise` on the diagonal, row-major. When
 * `parts` is given, it receives for each pair j < i (at pair index · (2 · groups + 1)) the
 * slopes of every group then the weight slopes. `geometry`, when given, must be the points'.
 */
export function conditionalKernelMatrix(
  x: Float64Array,
  n: number,
  d: number,
  params: KernelParams,
  categorical: Uint8Array,
  groups: KernelGroups,
  parts: Float64Array | null = null,
  geometry: PairGeometry | null = null,
): Float64Array {
  if (geometry) return geometryKernelMatrix(n, d, params, groups, geometry, parts);
  const kernel = new ConditionalKernel(params, categorical, groups);
  const size = groups.count + 1;
  const stride = 2 * groups.count + 1;
  const k = new Float64Array(n * n);
  for (let i = 0, p = 0; i < n; i++) {
    k[i * n + i] = params.scale + params.noise;
    for (let j = 0; j < i; j++, p++) {
      kernel.compare(x, i * d, x, j * d);
      const value = kernel.combine(parts !== null);
      k[i * n + j] = value;
      k[j * n + i] = value;
      if (parts) {
        for (let g = 0; g < size; g++) parts[p * stride + g] = kernel.slopes[g];
        for (let g = 0; g < groups.count; g++) parts[p * stride + size + g] = kernel.weightSlopes[g];
      }
    }
  }
  return k;
}

/**
 * conditionalKernelMatrix from the points' pair geometry: the same sums and factors as
 * ConditionalKernel.combine, inlined, since the marginal likelihood's fit calls it on every
 * iteration.
 */
function geometryKernelMatrix(n: number, d: number, params: KernelParams, groups: KernelGroups, geometry: PairGeometry, parts: Float64Array | null): Float64Array {
  const { count, of } = groups;
  const size = count + 1;
  const stride = 2 * count + 1;
  const { inverseSquaredLengthscales: rho, scale } = params;
  const weights = params.branchWeights as Float64Array;
  const { states, distances } = geometry;
  const r2 = new Float64Array(size);
  const factors = new Float64Array(size);
  const derivatives = new Float64Array(size);
  const materns = new Float64Array(size);
  const prefix = new Float64Array(size + 1);
  const k = new Float64Array(n * n);
  for (let i = 0, p = 0; i < n; i++) {
    k[i * n + i] = scale + params.noise;
    for (let j = 0; j < i; j++, p++) {
      r2.fill(0);
      const base = p * d;
      for (let c = 0; c < d; c++) r2[of[c]] += rho[c] * distances[base + c];
      let product = scale;
      for (let g = 0; g < size; g++) {
        const state = states[p * size + g];
        if (state === BOTH) {
          const w = g === 0 ? 0 : weights[g - 1];
          const root = SQRT5 * Math.sqrt(r2[g]);
          const decay = Math.exp(-root);
          materns[g] = (1 + root + (root * root) / 3) * decay;
          factors[g] = w + (1 - w) * materns[g];
          derivatives[g] = -(1 - w) * (5 / 6) * (1 + root) * decay;
        } else {
          factors[g] = state === ONE ? weights[g - 1] : 1;
          derivatives[g] = 0;
        }
        product *= factors[g];
      }
      k[i * n + j] = product;
      k[j * n + i] = product;
      if (!parts) continue;
      // Products of the other factors, without dividing (a Matérn factor may underflow to 0).
      const at = p * stride;
      prefix[0] = scale;
      for (let g = 0; g < size; g++) prefix[g + 1] = prefix[g] * factors[g];
      let suffix = 1;
      for (let g = size - 1; g >= 0; g--) {
        const state = states[p * size + g];
        const others = prefix[g] * suffix;
        parts[at + g] = state === BOTH ? others * derivatives[g] : 0;
        if (g > 0) parts[at + count + g] = state === ONE ? others : state === BOTH ? others * (1 - materns[g]) : 0;
        suffix *= factors[g];
      }
    }
  }
  return k;
}
