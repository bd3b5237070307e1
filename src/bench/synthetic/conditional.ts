import { categorical, float, int } from "../../space/index.js";
import { Space, type Config } from "../../space/index.js";
import type { SyntheticFunction } from "./spec.js";

const STEP_OFFSETS: Record<string, number> = { x: 0.3, y: 0, z: 0.6 };

/** Each branch of `kind`: its value, given the branch's own parameters, and its known minimum. */
const BRANCHES = {
  // A round bowl: easy to find, but its floor is the highest.
  bowl: {
    evaluate: (c: Config) => 1 + ((c.b1 as number) - 1) ** 2 + ((c.b2 as number) + 2) ** 2,
    optimum: 1,
  },
  // Rosenbrock's curved valley in 2-D: hardest to descend, and the best floor.
  valley: {
    evaluate: (c: Config) => 0.2 + (1 - (c.v1 as number)) ** 2 + 100 * ((c.v2 as number) - (c.v1 as number) ** 2) ** 2,
    optimum: 0.2,
  },
  // A staircase in an int plus a categorical offset.
  steps: {
    evaluate: (c: Config) => 0.5 + 0.1 * Math.abs((c.k as number) - 13) + STEP_OFFSETS[c.tie as string],
    optimum: 0.5,
  },
} as const;

type Kind = keyof typeof BRANCHES;

/**
 * A conditional-space function, synthetic: `kind` chooses a branch, and each branch has its
 * own parameters, declared with `when` so they exist only in that branch:
 * - bowl (b1, b2 in [-5, 5]): 1 + (b1 - 1)^2 + (b2 + 2)^2, minimum 1 at (1, -2);
 * - valley (v1, v2 in [-2, 2]): 0.2 + (1 - v1)^2 + 100 (v2 - v1^2)^2, minimum 0.2 at (1, 1);
 * - steps (k int in [0, 20], tie in {x, y, z}): 0.5 + 0.1 |k - 13| + {x: 0.3, y: 0, z: 0.6}[tie],
 *   minimum 0.5 at k = 13, tie = y.
 * The global minimum is the best branch's: 0.2 at kind = valley, v1 = v2 = 1.
 */
export const conditional: SyntheticFunction = {
  id: "conditional",
  description: "conditional, 3 branches chosen by `kind` with their own parameters, global minimum 0.2",
  space: Space.parse({
    kind: categorical(["bowl", "valley", "steps"]),
    b1: float(-5, 5, { when: { kind: "bowl" } }),
    b2: float(-5, 5, { when: { kind: "bowl" } }),
    v1: float(-2, 2, { when: { kind: "valley" } }),
    v2: float(-2, 2, { when: { kind: "valley" } }),
    k: int(0, 20, { when: { kind: "steps" } }),
    tie: categorical(["x", "y", "z"], { when: { kind: "steps" } }),
  }),
  evaluate(config) {
    return BRANCHES[config.kind as Kind].evaluate(config);
  },
  optimum: Math.min(...Object.values(BRANCHES).map((branch) => branch.optimum)),
  optimumConfig: { kind: "valley", v1: 1, v2: 1 },
  synthetic: true,
};
