import { GaussianProcess } from "./gaussian-process.js";

/**
 * The GP conditioned on points still being evaluated, each "observed" at its own posterior
 * mean (the Kriging believer, Ginsbourger, Le Riche & Carraro 2010), with the kernel
 * parameters unchanged. The posterior mean stays what it was everywhere; the variance
 * shrinks around the pending points, so the acquisition stops rewarding a second look at
 * what a parallel worker is already evaluating. The GP itself when nothing is pending.
 */
export function believe(gp: GaussianProcess, pending: { x: Float64Array; n: number }): GaussianProcess {
  if (pending.n === 0) return gp;
  const { data } = gp;
  const means = new Float64Array(pending.n);
  gp.predictBatch(pending.x, pending.n, means, new Float64Array(pending.n));
  const x = new Float64Array((data.n + pending.n) * data.d);
  x.set(data.x.subarray(0, data.n * data.d));
  x.set(pending.x.subarray(0, pending.n * data.d), data.n * data.d);
  const y = new Float64Array(data.n + pending.n);
  y.set(data.y.subarray(0, data.n));
  y.set(means, data.n);
  return new GaussianProcess({ ...data, x, y, n: data.n + pending.n }, gp.params);
}
