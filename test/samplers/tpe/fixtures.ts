/** Problems and measures shared by the TPE tests. */
import { Space, type Config } from "../../../src/space/index.js";

export const square = Space.parse({ x: { type: "float", low: -5, high: 5 }, y: { type: "float", low: -5, high: 5 } });
export const SQUARE_OPTIMUM = { x: 1.5, y: -2 };

export function quadratic(config: Config): number {
  return ((config.x as number) - SQUARE_OPTIMUM.x) ** 2 + ((config.y as number) - SQUARE_OPTIMUM.y) ** 2;
}

export function distanceToOptimum(config: Config): number {
  return Math.sqrt(quadratic(config));
}

export const braninSpace = Space.parse({ x: { type: "float", low: -5, high: 10 }, y: { type: "float", low: 0, high: 15 } });

/** Branin–Hoo; minimum 0.397887 at (-π, 12.275), (π, 2.275), (9.42478, 2.475). */
export function branin(config: Config): number {
  const x = config.x as number;
  const y = config.y as number;
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (y - b * x * x + c * x - 6) ** 2 + 10 * (1 - t) * Math.cos(x) + 10;
}

export const zdtSpace = Space.parse(Object.fromEntries([0, 1, 2, 3].map((i) => [`x${i}`, { type: "float", low: 0, high: 1 }])));

/** ZDT1 with four variables: a convex Pareto front f2 = 1 - sqrt(f1) where x1..x3 = 0. */
export function zdt1(config: Config): number[] {
  const x = [0, 1, 2, 3].map((i) => config[`x${i}`] as number);
  const g = 1 + (9 / 3) * (x[1] + x[2] + x[3]);
  return [x[0], g * (1 - Math.sqrt(x[0] / g))];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
