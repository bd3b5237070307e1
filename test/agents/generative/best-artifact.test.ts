import { describe, expect, it } from "vitest";
import { bestArtifact } from "../../../src/agents/generative/index.js";
import { Space } from "../../../src/space/index.js";
import { makeTrial } from "../../../src/testing/index.js";
import type { TrialRecord } from "../../../src/storage/index.js";

const space = Space.parse({ prompt: { type: "text", default: "p0" }, temperature: { type: "float", low: 0, high: 1 } });
const maximize = [{ name: "accuracy", direction: "maximize" as const }];

function trial(number: number, version: number, split: "train" | "validation", prompt: string, value: number | null): TrialRecord {
  return makeTrial({
    number,
    config: { prompt, temperature: 0.5 },
    values: value === null ? null : [value],
    state: value === null ? "failed" : "complete",
    userAttrs: { generative: { version, split } },
  });
}

describe("bestArtifact", () => {
  it("returns the best validation artifact, not the one with the best (noisy) training score", () => {
    const trials = [
      trial(0, 0, "validation", "p0", 0.5),
      trial(1, 0, "train", "p0", 0.5),
      trial(2, 1, "validation", "p1", 0.55),
      trial(3, 1, "train", "p1", 1.0), // a lucky minibatch: the best training score of the run
      trial(4, 2, "validation", "p2", 0.8),
      trial(5, 2, "train", "p2", 0.6),
    ];
    const choice = bestArtifact({ trials, objectives: maximize, space })!;
    expect(choice).toEqual({ version: 2, artifact: { prompt: "p2" }, config: { prompt: "p2", temperature: 0.5 }, validationScore: 0.8, validationTrials: [4] });
  });

  it("averages the complete validation trials of an artifact text, across versions with the same text", () => {
    const trials = [
      trial(0, 0, "validation", "p0", 0.6),
      trial(1, 1, "validation", "p1", 0.9),
      trial(2, 1, "validation", "p1", 0.3), // mean 0.6 ties p0: the earlier version wins
      trial(3, 2, "validation", "p0", null), // same text as version 0, failed: not counted
    ];
    expect(bestArtifact({ trials, objectives: maximize, space })).toMatchObject({ version: 0, validationScore: 0.6, validationTrials: [0] });
  });

  it("follows the direction of the first objective", () => {
    const trials = [trial(0, 0, "validation", "p0", 2), trial(1, 1, "validation", "p1", 1)];
    expect(bestArtifact({ trials, objectives: [{ name: "loss", direction: "minimize" }], space })?.version).toBe(1);
    expect(bestArtifact({ trials, objectives: maximize, space })?.version).toBe(0);
  });

  it("is null without a complete validation trial", () => {
    expect(bestArtifact({ trials: [trial(0, 0, "train", "p0", 1)], objectives: maximize, space })).toBeNull();
    expect(bestArtifact({ trials: [trial(0, 0, "validation", "p0", null)], objectives: maximize, space })).toBeNull();
  });
});
