import { describe, expect, it } from "vitest";
import { chooseScheduler, fidelityLevels } from "../../src/fidelity/index.js";
import { createOptimizer } from "../../src/optimizers/index.js";
import { categorical, float, ordinal, Space } from "../../src/space/index.js";
import { askFor } from "./drive.js";

const finite = Space.parse({ k: categorical(["a", "b", "c", "d"]) });
const continuous = Space.parse({ x: float(0, 1) });

describe("auto with a fidelity space", () => {
  it("picks a scheduler by the ladder's shape and the space, and says why", () => {
    const ladder = fidelityLevels({ step: ordinal([0, 10, 100, 1000]) });
    expect(chooseScheduler(ladder, finite)).toMatchObject({ name: "sh", reason: expect.stringContaining("4 configurations") });
    expect(chooseScheduler(ladder, continuous)).toMatchObject({ name: "bohb", reason: expect.stringContaining("continuous") });
    // Every level below the top is free: one rung, nothing to schedule.
    const oneRung = fidelityLevels({ step: ordinal([0, 1000]) });
    expect(chooseScheduler(oneRung, continuous)).toMatchObject({ name: "bohb", reason: expect.stringContaining("one rung") });
  });

  it("runs the chosen scheduler and records the choice in userAttrs", async () => {
    const sampler = createOptimizer("auto", { seed: 0 }, { fidelity: { step: ordinal([0, 10, 100, 1000]) } });
    const proposal = await askFor(sampler, finite, []);
    expect(proposal.fidelity).toEqual({ step: 10 });
    expect(proposal.userAttrs?.auto).toMatchObject({ scheduler: "sh" });
    // Without a fidelity, auto is the sampler it always was (no fidelity in its proposals).
    expect((await askFor(createOptimizer("auto", { seed: 0 }), finite, [])).fidelity ?? null).toBeNull();
  });
});
