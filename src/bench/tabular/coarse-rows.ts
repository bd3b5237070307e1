import { coarseKernel, type CoarseKernel } from "./coarse-kernel.js";

/** Rows per group of the kernel's layout (two SIMD vectors of four rows). */
const GROUP_ROWS = 8;
/** Largest positive 32-bit integer: the kernel's sums must stay at or below it. */
const INT32_MAX = 0x7fffffff;

/**
 * The rows of a table in 16-bit integers, to find in one cheap pass (see CoarseKernel) the
 * few rows that can be nearest to a query; the caller then compares those exactly.
 *
 * Each coordinate v (FeatureEncoder points lie in [-1, 1]) becomes round(v * scale). A row's
 * coarse distance is the exact integer sum of its squared coordinate differences; the scale
 * is the largest that keeps a difference within 16 bits and a row's sum within 31. Rounding
 * moves each scaled difference by at most e (1, plus the float error of the product), so in
 * the scaled space a row's coarse difference vector lies within r = e * sqrt(width) of its
 * true one. Let m be the smallest coarse distance, reached at row k. A nearest row is no
 * further than row k, whose true scaled length is at most sqrt(m) + r, so its own coarse
 * length is at most sqrt(m) + 2r (the triangle inequality, twice). Every row at the nearest
 * distance, ties included, thus has a coarse distance of at most (sqrt(m) + 2r)^2 (widened
 * for the float error of exact distances), and `candidates` returns exactly those rows: one
 * or two for a query far from every row of a 1000-row, 12-coordinate table.
 */
export class CoarseRows {
  /** Candidate row indices, ascending, the first `count` as returned by `candidates`. */
  readonly list: Int32Array;
  /** Coordinates are quantized to round(v * scale). */
  readonly scale: number;
  private readonly kernel: CoarseKernel;
  private readonly layout: Layout;
  private readonly rows: number;
  private readonly width: number;
  /** The error radius r of the class comment. */
  private readonly radius: number;
  /** How much longer than row k a nearest row can truly be, given that exact distances are rounded. */
  private readonly floatError: number;
  /** The query in the kernel's memory, one i16 per coordinate (the padding of an odd width stays 0). */
  private readonly query: Int16Array;

  /**
   * Quantizes `rows` points of `width` coordinates (row-major in `points`). Returns null when
   * no WebAssembly kernel is available (see coarseKernel), or some coordinate lies outside [-1, 1].
   */
  static build(points: Float64Array, width: number, rows: number): CoarseRows | null {
    for (let i = 0; i < rows * width; i++) if (!(points[i] >= -1 && points[i] <= 1)) return null;
    const layout = new Layout(width, rows);
    const kernel = coarseKernel(layout.byteLength);
    return kernel ? new CoarseRows(points, width, rows, layout, kernel) : null;
  }

  private constructor(points: Float64Array, width: number, rows: number, layout: Layout, kernel: CoarseKernel) {
    this.kernel = kernel;
    this.layout = layout;
    this.rows = rows;
    this.width = width;
    const { pairs, groups, slots } = layout;
    // A scaled difference is at most 2 * scale: it must fit in an i16, and 2 * pairs of its squares in a positive i32.
    const largestDifference = Math.floor(Math.min(32767, Math.sqrt(INT32_MAX / Math.max(1, 2 * pairs))));
    this.scale = Math.floor(largestDifference / 2);
    // Rounding v * scale to an integer errs by at most 1/2 plus the product's own rounding (scale * 2^-53),
    // a difference of two rounded values by twice that: at most e = 1 + 2^-30 per coordinate.
    this.radius = (1 + 2 ** -30) * Math.sqrt(width);
    // An exact distance (width rounded squares, summed with rounding) is within a factor 1 + (width + 2) * 2^-53
    // of the true squared length; two of them compared, then a square root: lengths within about the same
    // factor, generously rounded up here.
    this.floatError = 1 + (width + 4) * 2 ** -52;
    this.query = new Int16Array(kernel.buffer, layout.queryAt, pairs * 2);
    this.list = new Int32Array(kernel.buffer, layout.listAt, slots);
    const quantized = new Int16Array(kernel.buffer, layout.pointsAt, groups * pairs * 16);
    for (let slot = 0; slot < slots; slot++) {
      // Slots past the last row repeat it: a repeat has its index too, so it never changes an answer.
      const row = Math.min(slot, rows - 1);
      const group = Math.floor(slot / GROUP_ROWS);
      const lane = slot % GROUP_ROWS;
      for (let j = 0; j < width; j++) {
        quantized[group * pairs * 16 + (j >> 1) * 16 + lane * 2 + (j & 1)] = Math.round(points[row * width + j] * this.scale);
      }
    }
  }

  /**
   * Puts into `list` the indices of the rows that can be nearest to `q` (every row at the
   * smallest exact distance is among them) and returns their number; returns -1 when a
   * coordinate of `q` lies outside [-1, 1] or is NaN (compare every row then).
   */
  candidates(q: Float64Array): number {
    if (this.rows === 0) return 0;
    const query = this.query;
    const scale = this.scale;
    for (let j = 0; j < this.width; j++) {
      const v = q[j];
      if (!(v >= -1 && v <= 1)) return -1;
      query[j] = Math.round(v * scale);
    }
    const { queryAt, pointsAt, outAt, listAt, pairs, groups, slots } = this.layout;
    const smallest = this.kernel.approximate(queryAt, pointsAt, pairs, groups, outAt);
    const count = this.kernel.below(outAt, slots, this.threshold(smallest), listAt);
    const list = this.list;
    const last = this.rows - 1;
    for (let k = 0; k < count; k++) if (list[k] > last) list[k] = last;
    return count;
  }

  /** Largest coarse distance of a row that can be nearest when the smallest is `smallest` (see the class comment). */
  private threshold(smallest: number): number {
    const reach = this.floatError * (Math.sqrt(smallest) + this.radius) + this.radius;
    // A relative and an absolute margin for the rounding of this float arithmetic.
    return Math.min(Math.ceil(reach * reach * (1 + 1e-12)) + 1, INT32_MAX);
  }
}

/** Sizes and byte offsets of the kernel's memory for a table (see coarse-distances.wat). */
class Layout {
  readonly pairs: number;
  readonly groups: number;
  readonly slots: number;
  readonly queryAt = 0;
  readonly outAt: number;
  readonly listAt: number;
  readonly pointsAt: number;
  readonly byteLength: number;

  constructor(width: number, rows: number) {
    this.pairs = (width + 1) >> 1;
    this.groups = Math.ceil(rows / GROUP_ROWS);
    this.slots = this.groups * GROUP_ROWS;
    this.outAt = align16(this.queryAt + this.pairs * 4);
    this.listAt = align16(this.outAt + this.slots * 4);
    this.pointsAt = align16(this.listAt + this.slots * 4);
    this.byteLength = this.pointsAt + this.groups * this.pairs * 32;
  }
}

function align16(offset: number): number {
  return (offset + 15) & ~15;
}
