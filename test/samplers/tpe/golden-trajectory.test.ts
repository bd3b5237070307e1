import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Config } from "../../../src/space/index.js";
import { GOLDEN_CASES, GOLDEN_TRIALS, runGoldenCase } from "../fixtures/tpe-golden-cases.js";

// Recorded before TPE's speed work by test/samplers/fixtures/record-tpe-golden.ts: making
// the sampler faster must not change a single proposal, down to the last bit.
const recorded = JSON.parse(readFileSync(new URL("../fixtures/tpe-golden.json", import.meta.url), "utf8")) as {
  trials: number;
  trajectories: Record<string, Config[]>;
};

describe("TPE golden trajectories", () => {
  it("pins every case for the recorded number of trials", () => {
    expect(recorded.trials).toBe(GOLDEN_TRIALS);
    expect(Object.keys(recorded.trajectories).sort()).toEqual(GOLDEN_CASES.map((golden) => golden.name).sort());
  });

  it.each(GOLDEN_CASES.map((golden) => [golden.name, golden] as const))("%s proposes the recorded configs exactly", async (_, golden) => {
    const configs = await runGoldenCase(golden);
    const expected = recorded.trajectories[golden.name];
    // The first differing trial, for a readable failure rather than a 300-config diff.
    const first = configs.findIndex((config, i) => JSON.stringify(config) !== JSON.stringify(expected[i]));
    expect(first === -1 ? null : { trial: first, got: configs[first], expected: expected[first] }).toBeNull();
    expect(configs).toEqual(expected);
  });
});
