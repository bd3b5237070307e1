import { describe, expect, it } from "vitest";
import { logNormalMass } from "../../../src/math/normal.js";
import { Rng } from "../../../src/math/rng.js";
import { domainOf, type ParamDomain } from "../../../src/samplers/tpe/param-domain.js";
import { ParzenEstimator, type ParzenOptions } from "../../../src/samplers/tpe/parzen-estimator.js";
import type { Param } from "../../../src/space/index.js";

const multivariate: ParzenOptions = { priorWeight: 1, multivariate: true, considerMagicClip: true, considerEndpoints: false };
const univariate: ParzenOptions = { ...multivariate, multivariate: false };

const params: Param[] = [
  { type: "float", low: -2, high: 3 },
  { type: "categorical", choices: ["a", "b", "c"] },
  { type: "float", low: 1e-3, high: 1, log: true },
  { type: "int", low: 1, high: 9 },
  { type: "float", low: 0, high: 1 },
  { type: "int", low: 1, high: 200, log: true },
];

/** Random observations (coordinates) of the given domains, row-major. */
function observe(domains: ParamDomain[], count: number, rng: Rng): Float64Array {
  const out = new Float64Array(count * domains.length);
  for (let i = 0; i < count; i++) {
    domains.forEach((domain, j) => {
      const u = rng.random();
      out[i * domains.length + j] =
        domain.kind === "categorical" ? Math.floor(u * domain.count) : domain.grid ? domain.grid.center(Math.floor(u * domain.grid.count)) : domain.low + u * (domain.high - domain.low);
    });
  }
  return out;
}

/**
 * The mixture's log-density from its definition, kernel by kernel with Math.exp: the
 * kernel widths are read back from one-dimensional estimators over the same observations.
 */
function naiveLogPdf(domains: ParamDomain[], observations: Float64Array, count: number, weights: number[], options: ParzenOptions, point: ArrayLike<number>): number {
  const d = domains.length;
  const K = count + 1;
  const raw = count === 0 ? [1] : [...weights, options.priorWeight];
  const total = raw.reduce((sum, w) => sum + w, 0);
  const logKernel = raw.map((w) => Math.log(w / total));
  domains.forEach((domain, j) => {
    const x = point[j];
    const mus = Array.from({ length: count }, (_, i) => observations[i * d + j]);
    if (domain.kind === "categorical") {
      const miss = options.priorWeight / K;
      const rowTotal = miss * domain.count + 1;
      for (let k = 0; k < count; k++) logKernel[k] += Math.log((mus[k] === x ? miss + 1 : miss) / rowTotal);
      logKernel[count] += -Math.log(domain.count);
      return;
    }
    const sigmas = kernelWidths(domain, mus, d, options);
    const centres = [...mus, 0.5 * (domain.low + domain.high)];
    for (let k = 0; k < K; k++) {
      const mu = centres[k];
      const s = sigmas[k];
      const truncation = logNormalMass((domain.low - mu) / s, (domain.high - mu) / s);
      if (domain.grid) {
        const cell = domain.grid.cellOf(x);
        logKernel[k] += logNormalMass((domain.grid.lower(cell) - mu) / s, (domain.grid.upper(cell) - mu) / s) - truncation;
      } else {
        logKernel[k] += -0.5 * ((x - mu) / s) ** 2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI) - truncation;
      }
    }
  });
  const max = Math.max(...logKernel);
  return max + Math.log(logKernel.reduce((sum, l) => sum + Math.exp(l - max), 0));
}

/** Widths as the estimator sets them (multivariate: one Scott width; univariate: neighbour gaps), clipped. */
function kernelWidths(domain: ParamDomain & { kind: "numeric" }, mus: number[], dimensions: number, options: ParzenOptions): number[] {
  const range = domain.high - domain.low;
  const n = mus.length;
  const floor = range / Math.min(100, n + 2);
  const clip = (s: number) => Math.min(range, Math.max(floor, s, 1e-12));
  if (options.multivariate) return [...mus.map(() => clip(0.2 * Math.max(n, 1) ** (-1 / (dimensions + 4)) * range)), range];
  const centre = 0.5 * (domain.low + domain.high);
  const order = [...mus.map((mu, i) => ({ mu, i })), { mu: centre, i: n }].sort((a, b) => a.mu - b.mu || a.i - b.i);
  const framed = [domain.low, ...order.map((o) => o.mu), domain.high];
  const sigmas = new Array<number>(n + 1);
  order.forEach((o, p) => {
    let gap = Math.max(framed[p + 1] - framed[p], framed[p + 2] - framed[p + 1]);
    if (p === 0) gap = framed[2] - framed[1];
    if (p === n) gap = framed[n + 1] - framed[n];
    sigmas[o.i] = clip(gap);
  });
  sigmas[n] = range;
  return sigmas;
}

describe("ParzenEstimator.logPdf", () => {
  for (const [rule, options] of [["multivariate", multivariate], ["univariate", univariate]] as const) {
    for (const dims of [[0], [1], [3], [1, 3], [0, 2], [0, 1, 2], [0, 1, 2, 3], [0, 1, 2, 3, 4, 5], [1, 3, 5]]) {
      it(`matches the mixture's definition (${rule}, parameters ${dims.join(",")})`, () => {
        const rng = new Rng(dims.length * 31 + (options.multivariate ? 1 : 2));
        const domains = dims.map((j) => domainOf(params[j]));
        for (const count of [0, 1, 7, 60]) {
          const observations = observe(domains, count, rng);
          const weights = Array.from({ length: count }, () => 0.2 + rng.random());
          const pe = new ParzenEstimator(domains, observations, count, weights, options);
          const points = pe.sample(rng, 40);
          const batch = pe.logPdf(points, 40);
          for (let i = 0; i < 40; i++) {
            const point = points.subarray(i * dims.length, (i + 1) * dims.length);
            expect(batch[i]).toBeCloseTo(naiveLogPdf(domains, observations, count, weights, options, point), 5);
            // Points that share choices and cells share work in a batch; alone, the same bits.
            expect(pe.logPdf(Float64Array.from(point), 1)[0]).toBe(batch[i]);
          }
        }
      });
    }
  }

  it("scores a categorical coordinate that is no choice as a miss under every observation", () => {
    const domains = [domainOf(params[1])];
    const pe = new ParzenEstimator(domains, Float64Array.from([0, 0, 2]), 3, [1, 1, 1], multivariate);
    const [between] = pe.logPdf(Float64Array.from([0.5]), 1);
    expect(between).toBeCloseTo(naiveLogPdf(domains, Float64Array.from([0, 0, 2]), 3, [1, 1, 1], multivariate, [0.5]), 6);
    // Like the choice no observation made, below the one two observations made.
    expect(between).toBe(pe.logPdf(Float64Array.from([1]), 1)[0]);
    expect(between).toBeLessThan(pe.logPdf(Float64Array.from([0]), 1)[0]);
  });
});
