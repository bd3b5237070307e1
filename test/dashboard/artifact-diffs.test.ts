import { describe, expect, it } from "vitest";
import { artifactDiffs } from "../../src/dashboard/views/artifact-diffs.js";
import { trialDetail } from "../../src/dashboard/views/trial-detail.js";
import { makeTrial } from "../../src/testing/index.js";

describe("artifact diffs in trial detail", () => {
  it("reads a diff attribute and the generative optimizer's record, skipping empty ones", () => {
    expect(artifactDiffs({ diff: "--- a\n+++ b\n+x" })).toEqual(["--- a\n+++ b\n+x"]);
    expect(artifactDiffs({ diff: ["-a", 3, "+b"] })).toEqual(["-a", "+b"]);
    expect(artifactDiffs({ generative: { version: 2, diff: "--- prompt\n+++ prompt\n+Be concise." } })).toEqual(["--- prompt\n+++ prompt\n+Be concise."]);
    expect(artifactDiffs({ generative: { version: 0, diff: "" } })).toEqual([]);
    expect(artifactDiffs({})).toEqual([]);
  });

  it("shows a generative update's diff as a coloured block", () => {
    const trial = makeTrial({ number: 4, config: { prompt: "Be concise." }, values: [1], userAttrs: { generative: { version: 1, diff: "--- prompt\n+++ prompt\n-Answer.\n+Be concise." } } });
    const html = trialDetail(trial, [{ name: "score", direction: "maximize" }]);
    expect(html).toContain('<pre class="diff">');
    expect(html).toMatch(/class="add"[^>]*>\+Be concise\./);
    expect(html).toMatch(/class="del"[^>]*>-Answer\./);
  });
});
