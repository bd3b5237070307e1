import { JOE_KUO_6_21201_ROWS } from "./joe-kuo-6-21201.js";

/** Bits per coordinate: points are multiples of 2^-32 and indices must stay below 2^32. */
export const SOBOL_BITS = 32;

/** Dimensions with tabulated direction numbers (the van der Corput dimension plus the table). */
export const SOBOL_MAX_DIMENSION = JOE_KUO_6_21201_ROWS.length + 1;

/**
 * The 32 direction numbers V_1..V_32 of one Sobol dimension (0-based), scaled by 2^32, built
 * from the Joe & Kuo initial numbers by the recurrence of Bratley & Fox (1988), as in Joe &
 * Kuo's `sobol.cc`: V_i = V_{i-s} ^ (V_{i-s} >> s) ^ XOR_k a_k V_{i-k}.
 */
export function sobolDirections(dimension: number): Uint32Array {
  if (!Number.isInteger(dimension) || dimension < 0 || dimension >= SOBOL_MAX_DIMENSION) {
    throw new RangeError(`Sobol dimension must be an integer in [0, ${SOBOL_MAX_DIMENSION - 1}], got ${dimension}`);
  }
  const v = new Uint32Array(SOBOL_BITS);
  if (dimension === 0) {
    for (let i = 0; i < SOBOL_BITS; i++) v[i] = 2 ** (SOBOL_BITS - 1 - i);
    return v;
  }
  const [, s, a, ...m] = JOE_KUO_6_21201_ROWS[dimension - 1].split(" ").map(Number);
  for (let i = 0; i < Math.min(s, SOBOL_BITS); i++) v[i] = m[i] * 2 ** (SOBOL_BITS - 1 - i);
  for (let i = s; i < SOBOL_BITS; i++) {
    let value = v[i - s] ^ (v[i - s] >>> s);
    for (let k = 1; k < s; k++) {
      if ((a >>> (s - 1 - k)) & 1) value ^= v[i - k];
    }
    v[i] = value >>> 0;
  }
  return v;
}
