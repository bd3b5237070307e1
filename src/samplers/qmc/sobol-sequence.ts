import { rngFor } from "../../math/index.js";
import { SOBOL_BITS, SOBOL_MAX_DIMENSION, sobolDirections } from "./sobol-directions.js";

export interface SobolSequenceOptions {
  /** Number of coordinates, at most SOBOL_MAX_DIMENSION. */
  dimensions: number;
  /** Randomise with a linear matrix scramble and a digital shift (default true). */
  scramble?: boolean;
  /** Seed of the scramble (default 0). */
  seed?: number;
}

/**
 * The Sobol sequence in the unit cube, point by index in Gray-code order (the order of Joe &
 * Kuo's `sobol.cc` and scipy): point n is the XOR of the direction numbers picked by the bits
 * of n ^ (n >> 1), so any index is computed directly and every block of 2^k consecutive points
 * starting at a multiple of 2^k is a (t, k, d)-net.
 *
 * Scrambled, each dimension's generator matrix is multiplied by a random lower-triangular
 * binary matrix with unit diagonal (Matoušek's linear matrix scramble, 1998) and the result
 * XORed with a random 32-bit shift, which keeps the net property while making every point
 * uniform in the cube. Each dimension draws from its own stream of the seed, so adding
 * dimensions does not change the earlier ones.
 */
export class SobolSequence {
  readonly dimensions: number;
  private readonly directions: Uint32Array[];
  private readonly shifts: Uint32Array;

  constructor(options: SobolSequenceOptions) {
    const { dimensions } = options;
    if (!Number.isInteger(dimensions) || dimensions < 0 || dimensions > SOBOL_MAX_DIMENSION) {
      throw new RangeError(`Sobol dimensions must be an integer in [0, ${SOBOL_MAX_DIMENSION}], got ${dimensions}`);
    }
    this.dimensions = dimensions;
    this.directions = [];
    this.shifts = new Uint32Array(dimensions);
    const scramble = options.scramble ?? true;
    for (let d = 0; d < dimensions; d++) {
      const base = sobolDirections(d);
      if (!scramble) {
        this.directions.push(base);
        continue;
      }
      const rng = rngFor(options.seed ?? 0, "sobol-scramble", d);
      const rows = lowerTriangularRows(() => rng.uint32());
      this.directions.push(base.map((v) => multiply(rows, v)));
      this.shifts[d] = rng.uint32();
    }
  }

  /** The point of index `index` (0 <= index < 2^32), each coordinate in [0, 1). */
  point(index: number): Float64Array {
    if (!Number.isInteger(index) || index < 0 || index >= 2 ** SOBOL_BITS) {
      throw new RangeError(`Sobol index must be an integer in [0, 2^32), got ${index}`);
    }
    const gray = (index ^ (index >>> 1)) >>> 0;
    const out = new Float64Array(this.dimensions);
    for (let d = 0; d < this.dimensions; d++) {
      const v = this.directions[d];
      let x = this.shifts[d];
      for (let bit = 0, g = gray; g !== 0; bit++, g >>>= 1) {
        if (g & 1) x ^= v[bit];
      }
      out[d] = (x >>> 0) / 2 ** SOBOL_BITS;
    }
    return out;
  }
}

/**
 * Rows of a random lower-triangular binary matrix with unit diagonal, acting on the binary
 * digits of a 32-bit fraction (digit 1 = most significant bit): output digit i depends on
 * input digits 1..i only.
 */
function lowerTriangularRows(random: () => number): Uint32Array {
  const rows = new Uint32Array(SOBOL_BITS);
  for (let i = 0; i < SOBOL_BITS; i++) {
    const diagonal = 2 ** (SOBOL_BITS - 1 - i);
    const above = i === 0 ? 0 : (0xffffffff - (2 * diagonal - 1)) >>> 0;
    rows[i] = ((random() & above) | diagonal) >>> 0;
  }
  return rows;
}

function multiply(rows: Uint32Array, v: number): number {
  let out = 0;
  for (let i = 0; i < SOBOL_BITS; i++) {
    if (parity((rows[i] & v) >>> 0)) out |= 2 ** (SOBOL_BITS - 1 - i);
  }
  return out >>> 0;
}

function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}
