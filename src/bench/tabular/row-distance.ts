/**
 * Squared Euclidean distances between a query point and rows of a row-major Float64Array.
 * Every function here sums in the same order (blocks of four coordinates, each block summed
 * left to right and added to the total, then the leftover coordinates one by one), so a
 * distance is the same float whichever function computed it: nearest-row answers, ties
 * included, do not depend on which path found them.
 */

/** Best row so far of a nearest-row search: its squared distance and its index (ties go to the smaller index). */
export interface NearestSoFar {
  distance: number;
  index: number;
}

/** Squared distance of the row at `base` to `q`, summed in the order every function here uses. */
function distance(points: Float64Array, base: number, width: number, q: Float64Array): number {
  const blocks = width & ~3;
  let d = 0;
  let j = 0;
  for (; j < blocks; j += 4) {
    const t0 = points[base + j] - q[j];
    const t1 = points[base + j + 1] - q[j + 1];
    const t2 = points[base + j + 2] - q[j + 2];
    const t3 = points[base + j + 3] - q[j + 3];
    d += t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
  }
  for (; j < width; j++) {
    const t = points[base + j] - q[j];
    d += t * t;
  }
  return d;
}

/** Coordinates between two checks of `scanRows` for four rows that can no longer win. */
const CHECK_EVERY = 8;

/**
 * Compares rows `from` to `to - 1` with `q` and updates `best` when one is nearer (or as near
 * with a smaller index); `indices[k]` is row k's index. Works on four rows at a time, so each
 * query coordinate is loaded once per four rows, and exits early only for all four at once
 * and at one place (two thirds of the way): exiting row by row after every block is a
 * hard-to-predict branch, and over a whole 1000-row table about three times slower.
 */
export function scanRows(
  points: Float64Array,
  width: number,
  indices: Int32Array,
  q: Float64Array,
  from: number,
  to: number,
  best: NearestSoFar,
): void {
  const blocks = width & ~3;
  let bestDistance = best.distance;
  let bestIndex = best.index;
  let k = from;
  rows: for (; k + 4 <= to; k += 4) {
    const a = k * width;
    const b = a + width;
    const c = b + width;
    const e = c + width;
    let dA = 0;
    let dB = 0;
    let dC = 0;
    let dD = 0;
    let j = 0;
    for (;;) {
      const end = Math.min(blocks, j + CHECK_EVERY);
      for (; j < end; j += 4) {
        const q0 = q[j];
        const q1 = q[j + 1];
        const q2 = q[j + 2];
        const q3 = q[j + 3];
        const a0 = points[a + j] - q0, a1 = points[a + j + 1] - q1, a2 = points[a + j + 2] - q2, a3 = points[a + j + 3] - q3;
        const b0 = points[b + j] - q0, b1 = points[b + j + 1] - q1, b2 = points[b + j + 2] - q2, b3 = points[b + j + 3] - q3;
        const c0 = points[c + j] - q0, c1 = points[c + j + 1] - q1, c2 = points[c + j + 2] - q2, c3 = points[c + j + 3] - q3;
        const e0 = points[e + j] - q0, e1 = points[e + j + 1] - q1, e2 = points[e + j + 2] - q2, e3 = points[e + j + 3] - q3;
        dA += a0 * a0 + a1 * a1 + a2 * a2 + a3 * a3;
        dB += b0 * b0 + b1 * b1 + b2 * b2 + b3 * b3;
        dC += c0 * c0 + c1 * c1 + c2 * c2 + c3 * c3;
        dD += e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3;
      }
      if (j >= blocks) break;
      // Partial sums only grow, so these four rows can neither win nor tie.
      if (dA > bestDistance && dB > bestDistance && dC > bestDistance && dD > bestDistance) continue rows;
    }
    for (; j < width; j++) {
      const qj = q[j];
      const tA = points[a + j] - qj;
      const tB = points[b + j] - qj;
      const tC = points[c + j] - qj;
      const tD = points[e + j] - qj;
      dA += tA * tA;
      dB += tB * tB;
      dC += tC * tC;
      dD += tD * tD;
    }
    // Rarely taken once a near row is found, so these branches predict well.
    if (dA <= bestDistance && (dA < bestDistance || indices[k] < bestIndex)) {
      bestDistance = dA;
      bestIndex = indices[k];
    }
    if (dB <= bestDistance && (dB < bestDistance || indices[k + 1] < bestIndex)) {
      bestDistance = dB;
      bestIndex = indices[k + 1];
    }
    if (dC <= bestDistance && (dC < bestDistance || indices[k + 2] < bestIndex)) {
      bestDistance = dC;
      bestIndex = indices[k + 2];
    }
    if (dD <= bestDistance && (dD < bestDistance || indices[k + 3] < bestIndex)) {
      bestDistance = dD;
      bestIndex = indices[k + 3];
    }
  }
  for (; k < to; k++) {
    const d = distance(points, k * width, width, q);
    if (d <= bestDistance && (d < bestDistance || indices[k] < bestIndex)) {
      bestDistance = d;
      bestIndex = indices[k];
    }
  }
  best.distance = bestDistance;
  best.index = bestIndex;
}
