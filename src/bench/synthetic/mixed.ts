import { categorical, float, int } from "../../space/index.js";
import { Space } from "../../space/index.js";
import type { SyntheticFunction } from "./spec.js";

type Encoder = "alpha" | "beta" | "gamma" | "delta";

/** Where the quadratic bowl in (x1, x2, x3) is centred for each choice of `encoder`. */
const CENTERS: Record<Encoder, [number, number, number]> = {
  alpha: [1, 1, 1],
  beta: [2.5, -1.5, 0.5],
  gamma: [-3, 0, 3],
  delta: [0, 0, 0],
};

/** The floor each choice of `encoder` adds; beta's is lowest, delta's a close second. */
const OFFSETS: Record<Encoder, number> = { alpha: 0.6, beta: 0.25, gamma: 1.2, delta: 0.4 };

/**
 * A mixed categorical/integer/continuous function, synthetic, 5 parameters:
 * x1, x2, x3 floats in [-5, 5], n an int in [1, 32], encoder in {alpha, beta, gamma, delta};
 * f = sum_i (x_i - center[encoder]_i)^2 + (log2(n) - 3)^2 + offset[encoder].
 * The categorical moves the bowl (an interaction a sampler must learn) and sets its floor.
 * Every term is >= 0 above the offset and 0 at the centre and n = 8, so the global minimum is
 * exactly the smallest offset: 0.25 at encoder = beta, x = (2.5, -1.5, 0.5), n = 8.
 */
export const mixed5: SyntheticFunction = {
  id: "mixed5",
  description: "mixed, 3 floats + 1 int + 1 categorical that moves the bowl, global minimum 0.25",
  space: Space.parse({
    x1: float(-5, 5),
    x2: float(-5, 5),
    x3: float(-5, 5),
    n: int(1, 32),
    encoder: categorical(["alpha", "beta", "gamma", "delta"]),
  }),
  evaluate(config) {
    const encoder = config.encoder as Encoder;
    const center = CENTERS[encoder];
    const x = [config.x1, config.x2, config.x3] as number[];
    const bowl = x.reduce((sum, value, i) => sum + (value - center[i]) ** 2, 0);
    return bowl + (Math.log2(config.n as number) - 3) ** 2 + OFFSETS[encoder];
  },
  optimum: Math.min(...Object.values(OFFSETS)),
  optimumConfig: { x1: 2.5, x2: -1.5, x3: 0.5, n: 8, encoder: "beta" },
  synthetic: true,
};
