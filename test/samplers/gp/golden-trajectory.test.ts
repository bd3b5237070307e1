import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Config } from "../../../src/space/index.js";
import { GOLDEN_CASES, GOLDEN_TRIALS, runGoldenCase } from "../fixtures/gp-golden-cases.js";

// Recorded by test/samplers/fixtures/record-gp-golden.ts before the multi-objective, running-
// trial and conditional-kernel work: one objective asked one trial at a time must keep
// proposing exactly what it did, down to the last bit.
const recorded = JSON.parse(readFileSync(new URL("../fixtures/gp-golden.json", import.meta.url), "utf8")) as {
  trials: number;
  trajectories: Record<string, Config[]>;
};

describe("GP golden trajectories", () => {
  it("pins every case for the recorded number of trials", () => {
    expect(recorded.trials).toBe(GOLDEN_TRIALS);
    expect(Object.keys(recorded.trajectories).sort()).toEqual(GOLDEN_CASES.map((golden) => golden.name).sort());
  });

  it.each(GOLDEN_CASES.map((golden) => [golden.name, golden] as const))("%s proposes the recorded configs exactly", async (_, golden) => {
    const configs = await runGoldenCase(golden);
    const expected = recorded.trajectories[golden.name];
    const first = configs.findIndex((config, i) => JSON.stringify(config) !== JSON.stringify(expected[i]));
    expect(first === -1 ? null : { trial: first, got: configs[first], expected: expected[first] }).toBeNull();
    expect(configs).toEqual(expected);
  });
});
