import { Space } from "../../space/index.js";
import { boxDefinition, coordinates, pointConfig } from "./coordinates.js";
import type { SyntheticFunction } from "./spec.js";

const DIMENSION = 10;

/**
 * Rosenbrock function, synthetic, 10-D on [-5, 10]^10:
 * f = sum_{i<d} 100 (x_{i+1} - x_i^2)^2 + (x_i - 1)^2, a long curved valley.
 * Global minimum 0 at (1, ..., 1). Surjanovic & Bingham, sfu.ca/~ssurjano/rosen.html.
 */
export const rosenbrock10: SyntheticFunction = {
  id: "rosenbrock10",
  description: "Rosenbrock, 10-D on [-5, 10]^10, curved valley, global minimum 0 at all ones",
  space: Space.parse(boxDefinition(DIMENSION, -5, 10)),
  evaluate(config) {
    const x = coordinates(config, DIMENSION);
    let sum = 0;
    for (let i = 0; i < DIMENSION - 1; i++) sum += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (x[i] - 1) ** 2;
    return sum;
  },
  optimum: 0,
  optimumConfig: pointConfig(new Array(DIMENSION).fill(1)),
  synthetic: true,
};
