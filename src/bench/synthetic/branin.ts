import { float } from "../../space/index.js";
import { Space } from "../../space/index.js";
import { pointConfig } from "./coordinates.js";
import type { SyntheticFunction } from "./spec.js";

const B = 5.1 / (4 * Math.PI * Math.PI);
const C = 5 / Math.PI;
const T = 1 / (8 * Math.PI);

/**
 * Branin (Branin-Hoo) function, synthetic, 2-D on x1 in [-5, 10], x2 in [0, 15]:
 * f = (x2 - b x1^2 + c x1 - 6)^2 + 10 (1 - t) cos(x1) + 10, with b = 5.1 / (4 pi^2),
 * c = 5 / pi, t = 1 / (8 pi). Three global minima (-pi, 12.275), (pi, 2.275),
 * (9.42478, 2.475), all of value 5 / (4 pi) = 0.397887. Surjanovic & Bingham,
 * Virtual Library of Simulation Experiments, sfu.ca/~ssurjano/branin.html.
 */
export const branin: SyntheticFunction = {
  id: "branin",
  description: "Branin, 2-D (x1 in [-5, 10], x2 in [0, 15]), three global minima of 0.397887",
  space: Space.parse({ x1: float(-5, 10), x2: float(0, 15) }),
  evaluate(config) {
    const x1 = config.x1 as number;
    const x2 = config.x2 as number;
    return (x2 - B * x1 * x1 + C * x1 - 6) ** 2 + 10 * (1 - T) * Math.cos(x1) + 10;
  },
  // At x1 = pi the square vanishes and cos(x1) = -1, leaving 10 t = 5 / (4 pi).
  optimum: 5 / (4 * Math.PI),
  optimumConfig: pointConfig([Math.PI, 2.275]),
  synthetic: true,
};

