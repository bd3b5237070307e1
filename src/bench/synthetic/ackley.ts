import { Space } from "../../space/index.js";
import { boxDefinition, coordinates, pointConfig } from "./coordinates.js";
import type { SyntheticFunction } from "./spec.js";

const DIMENSION = 10;
const A = 20;
const B = 0.2;
const C = 2 * Math.PI;

/**
 * Ackley function, synthetic, 10-D on [-32.768, 32.768]^10:
 * f = -a exp(-b sqrt(mean x_i^2)) - exp(mean cos(c x_i)) + a + e with a = 20, b = 0.2,
 * c = 2 pi: nearly flat outside, many local minima, one deep hole.
 * Global minimum 0 at the origin. Surjanovic & Bingham, sfu.ca/~ssurjano/ackley.html.
 */
export const ackley10: SyntheticFunction = {
  id: "ackley10",
  description: "Ackley, 10-D on [-32.768, 32.768]^10, many local minima, global minimum 0 at the origin",
  space: Space.parse(boxDefinition(DIMENSION, -32.768, 32.768)),
  evaluate(config) {
    const x = coordinates(config, DIMENSION);
    const meanSquare = x.reduce((s, v) => s + v * v, 0) / DIMENSION;
    const meanCos = x.reduce((s, v) => s + Math.cos(C * v), 0) / DIMENSION;
    // Grouped as (a - a e^..) + (e - e^..) so that the origin gives exactly 0, not -4e-16.
    return A - A * Math.exp(-B * Math.sqrt(meanSquare)) + (Math.E - Math.exp(meanCos));
  },
  optimum: 0,
  optimumConfig: pointConfig(new Array(DIMENSION).fill(0)),
  synthetic: true,
};
