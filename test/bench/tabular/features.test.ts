import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeatureEncoder } from "../../../src/bench/tabular/features.js";
import { rngFor } from "../../../src/math/rng.js";
import { Space, categorical, encodeValue, float, int, ordinal, type Config } from "../../../src/space/index.js";

const plain = {
  kind: categorical(["a", "b", "c"]),
  x: float(0, 10),
  lr: float(1e-5, 1e-1, { log: true }),
  n: int(1, 4096, { log: true }),
  k: int(0, 20, { step: 2 }),
  size: ordinal([1, 2, 4]),
};
/** Every parameter always present (the encoder's fast path), and a conditional space (some absent). */
const SPACES = {
  plain: Space.parse(plain),
  conditional: Space.parse({ ...plain, depth: int(1, 5, { when: { kind: "a" } }), flag: categorical([true, false], { when: { kind: "b" } }) }),
};

/** The point of a config by its definition: one-hot categorical coordinates, the unit-cube value otherwise, -1 when absent. */
function reference(space: Space, config: Config): number[] {
  return space.names.flatMap((name) => {
    const param = space.params[name];
    const present = Object.prototype.hasOwnProperty.call(config, name);
    if (param.type === "categorical") return param.choices.map((choice) => (present ? (choice === config[name] ? Math.SQRT1_2 : 0) : -1));
    return [present ? encodeValue(param, config[name]) : -1];
  });
}

describe.each(Object.entries(SPACES))("FeatureEncoder, %s space", (_, space) => {
  it("encodes a config the same whatever the order of its keys, and as its definition says", () => {
    const encoder = new FeatureEncoder(space);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (seed) => {
        const rng = rngFor(seed, "features");
        const config = space.sample(rng);
        const shuffled = Object.fromEntries(rng.shuffle(Object.entries(config)));
        const expected = reference(space, config);
        expect(Array.from(encoder.encode(config))).toEqual(expected);
        expect(Array.from(encoder.encode(shuffled))).toEqual(expected);
        for (const v of expected) expect(Math.abs(v)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it("writes into the array it is given", () => {
    const encoder = new FeatureEncoder(space);
    const out = new Float64Array(encoder.width).fill(7);
    const config = space.sample(rngFor(1, "out"));
    expect(encoder.encode(config, out)).toBe(out);
    expect(Array.from(out)).toEqual(reference(space, config));
  });
});
