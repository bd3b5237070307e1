import { Space } from "../../space/index.js";
import { boxDefinition, coordinates, pointConfig } from "./coordinates.js";
import type { SyntheticFunction } from "./spec.js";

const DIMENSION = 10;

/**
 * Levy function, synthetic, 10-D on [-10, 10]^10: with w_i = 1 + (x_i - 1) / 4,
 * f = sin^2(pi w_1) + sum_{i<d} (w_i - 1)^2 (1 + 10 sin^2(pi w_i + 1))
 *     + (w_d - 1)^2 (1 + sin^2(2 pi w_d)).
 * Global minimum 0 at (1, ..., 1). Surjanovic & Bingham, sfu.ca/~ssurjano/levy.html.
 */
export const levy10: SyntheticFunction = {
  id: "levy10",
  description: "Levy, 10-D on [-10, 10]^10, many local minima, global minimum 0 at all ones",
  space: Space.parse(boxDefinition(DIMENSION, -10, 10)),
  evaluate(config) {
    const w = coordinates(config, DIMENSION).map((x) => 1 + (x - 1) / 4);
    const last = w[DIMENSION - 1];
    let sum = Math.sin(Math.PI * w[0]) ** 2;
    for (let i = 0; i < DIMENSION - 1; i++) sum += (w[i] - 1) ** 2 * (1 + 10 * Math.sin(Math.PI * w[i] + 1) ** 2);
    sum += (last - 1) ** 2 * (1 + Math.sin(2 * Math.PI * last) ** 2);
    return sum;
  },
  optimum: 0,
  optimumConfig: pointConfig(new Array(DIMENSION).fill(1)),
  synthetic: true,
};
