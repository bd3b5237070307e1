import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quickMembership } from "../../../src/bench/tabular/quick-membership.js";
import { rngFor } from "../../../src/math/rng.js";
import { Space, categorical, float, int, ordinal, text, type Config, type Value } from "../../../src/space/index.js";

const space = Space.parse({
  x: float(0, 10),
  lr: float(1e-5, 1e-1, { log: true }),
  k: int(1, 9),
  stepped: float(0, 1, { step: 0.25 }),
  even: int(0, 100, { step: 2 }),
  kind: categorical(["a", "b", 3, null, true]),
  size: ordinal([1, 2, 4]),
});

/** Values that break some rule of some parameter, and a few that are legal somewhere. */
const ODD_VALUES: unknown[] = [NaN, Infinity, -Infinity, -0, 0, 0.125, 1.5, -1, 11, 1e-6, 0.3, 3, "3", "a", "c", null, true, false, undefined, [1], {}];

describe("quickMembership", () => {
  const isMember = quickMembership(space) as (config: Config) => boolean;

  it("accepts the members it is meant to speed up", () => {
    const rng = rngFor(1, "members");
    for (let k = 0; k < 200; k++) expect(isMember(space.sample(rng))).toBe(true);
  });

  it("never accepts a configuration Space.check finds a problem with", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: ODD_VALUES.length - 1 })), { maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        (seed, edits, addUnknown, dropOne) => {
          const rng = rngFor(seed, "mutants");
          const config: Record<string, unknown> = { ...space.sample(rng) };
          for (const [param, value] of edits) config[space.names[param % space.names.length]] = ODD_VALUES[value];
          if (addUnknown) config.extra = 1;
          if (dropOne) delete config[space.names[rng.int(space.names.length)]];
          const valid = space.check(config as Config).length === 0;
          if (isMember(config as Config)) expect(valid).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("answers the same whatever the order of the keys", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: ODD_VALUES.length - 1 })), { maxLength: 2 }),
        fc.boolean(),
        (seed, edits, dropOne) => {
          const rng = rngFor(seed, "orders");
          const config: Record<string, unknown> = { ...space.sample(rng) };
          for (const [param, value] of edits) config[space.names[param % space.names.length]] = ODD_VALUES[value];
          if (dropOne) delete config[space.names[rng.int(space.names.length)]];
          const shuffled = Object.fromEntries(rng.shuffle(Object.entries(config)));
          expect(isMember(shuffled as Config)).toBe(isMember(config as Config));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("rejects the usual mistakes", () => {
    const member = space.sample(rngFor(2, "base"));
    const variants: [string, Value | undefined][] = [
      ["k", 2.5],
      ["k", 10],
      ["stepped", 0.3],
      ["even", 3],
      ["kind", "c"],
      ["size", 3],
      ["x", NaN],
      ["lr", 1],
    ];
    for (const [name, value] of variants) expect(isMember({ ...member, [name]: value } as Config)).toBe(false);
    expect(isMember({ ...member, extra: 1 })).toBe(false);
    const { x: _x, ...missing } = member;
    expect(isMember(missing)).toBe(false);
  });

  it("leaves conditional and text spaces to the full check", () => {
    expect(quickMembership(Space.parse({ a: categorical(["x", "y"]), b: float(0, 1, { when: { a: "x" } }) }))).toBeNull();
    expect(quickMembership(Space.parse({ prompt: text("hi") }))).toBeNull();
  });
});
