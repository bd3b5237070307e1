import { Space } from "../../space/index.js";
import { boxDefinition, coordinates, pointConfig } from "./coordinates.js";
import type { SyntheticFunction } from "./spec.js";

export const HARTMANN6_ALPHA: readonly number[] = [1.0, 1.2, 3.0, 3.2];
const A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((row) => row.map((p) => p * 1e-4));

/** Hartmann-6 at a point of [0, 1]^6, with the weights `alpha` (default the standard ones; multi-fidelity variants bias them). */
export function hartmann6Value(x: readonly number[], alpha: readonly number[] = HARTMANN6_ALPHA): number {
  let sum = 0;
  for (let i = 0; i < 4; i++) {
    let inner = 0;
    for (let j = 0; j < 6; j++) inner += A[i][j] * (x[j] - P[i][j]) ** 2;
    sum += alpha[i] * Math.exp(-inner);
  }
  return -sum;
}

/**
 * Hartmann 6-D function, synthetic, on [0, 1]^6:
 * f = -sum_i alpha_i exp(-sum_j A_ij (x_j - P_ij)^2), four local bumps, six local minima.
 * Global minimum -3.32237 near (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573).
 * Surjanovic & Bingham, sfu.ca/~ssurjano/hart6.html; the more precise minimizer below is
 * the one DiceKriging and DIRECTGOLib report.
 */
export const hartmann6: SyntheticFunction = {
  id: "hartmann6",
  description: "Hartmann, 6-D on [0, 1]^6, six local minima, global minimum -3.32237",
  space: Space.parse(boxDefinition(6, 0, 1)),
  evaluate(config) {
    return hartmann6Value(coordinates(config, 6));
  },
  optimum: -3.322368011415515,
  optimumConfig: pointConfig([0.20168952, 0.15001069, 0.47687398, 0.27533243, 0.31165162, 0.65730054]),
  synthetic: true,
};
