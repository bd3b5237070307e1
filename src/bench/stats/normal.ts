/**
 * Standard normal upper tail P(Z > z), accurate to about 1e-15 absolute, 1e-8 relative in the far tail (Hart 1968 as given by
 * West 2005, "Better approximations to cumulative normal functions").
 */
export function normalSurvival(z: number): number {
  const x = Math.abs(z);
  let tail: number;
  if (x > 37) {
    tail = 0;
  } else if (x < 7.07106781186547) {
    const e = Math.exp((-x * x) / 2);
    let numerator = 3.52624965998911e-2 * x + 0.700383064443688;
    numerator = numerator * x + 6.37396220353165;
    numerator = numerator * x + 33.912866078383;
    numerator = numerator * x + 112.079291497871;
    numerator = numerator * x + 221.213596169931;
    numerator = numerator * x + 220.206867912376;
    let denominator = 8.83883476483184e-2 * x + 1.75566716318264;
    denominator = denominator * x + 16.064177579207;
    denominator = denominator * x + 86.7807322029461;
    denominator = denominator * x + 296.564248779674;
    denominator = denominator * x + 637.333633378831;
    denominator = denominator * x + 793.826512519948;
    denominator = denominator * x + 440.413735824752;
    tail = (e * numerator) / denominator;
  } else {
    const e = Math.exp((-x * x) / 2);
    const fraction = x + 1 / (x + 2 / (x + 3 / (x + 4 / (x + 0.65))));
    tail = e / fraction / 2.506628274631;
  }
  return z >= 0 ? tail : 1 - tail;
}

/** Two-sided p-value of a standard normal statistic: P(|Z| >= |z|). */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, 2 * normalSurvival(Math.abs(z)));
}
