/**
 * The standard normal distribution's density and distribution function, accurate in the
 * far tails (log forms do not underflow). Pure functions of numbers.
 */

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const SQRT_HALF_PI = Math.sqrt(Math.PI / 2);

// Chebyshev coefficients of erfcx on t = 2 / (2 + x), x >= 0 (Press et al., Numerical
// Recipes, 3rd ed., section 6.2.2); relative error below 1.2e-16.
const ERFC_COEFFICIENTS = [
  -1.3026537197817094, 0.6419697923564902, 1.9476473204185836e-2, -9.561514786808631e-3,
  -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5,
  -1.624290004647e-6, 1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9,
  5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12,
  -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15, -1.523e-15,
  -9.4e-17, 1.21e-16, -2.8e-17,
];

/** exp(x²) erfc(x) for x >= 0 (finite for every x, ~1 / (x √π) when x is large). */
function erfcxNonNegative(x: number): number {
  const t = 2 / (2 + x);
  const ty = 4 * t - 2;
  let d = 0;
  let dd = 0;
  for (let j = ERFC_COEFFICIENTS.length - 1; j > 0; j--) {
    const previous = d;
    d = ty * d - dd + ERFC_COEFFICIENTS[j];
    dd = previous;
  }
  return t * Math.exp(0.5 * (ERFC_COEFFICIENTS[0] + ty * d) - dd);
}

/** The scaled complementary error function exp(x²) erfc(x). */
export function erfcx(x: number): number {
  if (x >= 0) return erfcxNonNegative(x);
  // erfc(-y) = 2 - erfc(y)  =>  erfcx(-y) = 2 exp(y²) - erfcx(y).
  return 2 * Math.exp(x * x) - erfcxNonNegative(-x);
}

/** The complementary error function erfc(x) = 1 - erf(x). */
export function erfc(x: number): number {
  if (x >= 0) return erfcxNonNegative(x) * Math.exp(-x * x);
  return 2 - erfcxNonNegative(-x) * Math.exp(-x * x);
}

/** Standard normal density φ(z). */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
}

/** log φ(z). */
export function logNormalPdf(z: number): number {
  return -0.5 * z * z - LOG_SQRT_2PI;
}

/** Standard normal distribution function Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z * Math.SQRT1_2);
}

/** log Φ(z), finite for every finite z (≈ log φ(z) - log|z| far in the lower tail). */
export function logNormalCdf(z: number): number {
  if (z > -1) return Math.log1p(-0.5 * erfc(z * Math.SQRT1_2));
  // Φ(z) = ½ erfcx(-z/√2) exp(-z²/2).
  return Math.log(0.5 * erfcxNonNegative(-z * Math.SQRT1_2)) - 0.5 * z * z;
}

/** Φ(z) / φ(z) (Mills ratio of the lower tail), finite for every finite z <= 0. */
export function cdfOverPdfLowerTail(z: number): number {
  return SQRT_HALF_PI * erfcx(-z * Math.SQRT1_2);
}
