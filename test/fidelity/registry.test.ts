import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors/index.js";
import { createScheduler, schedulerNames } from "../../src/fidelity/index.js";
import { int } from "../../src/space/index.js";

const fidelity = { examples: int(10, 810) };

describe("createScheduler", () => {
  it("rejects an unknown name, listing the schedulers", () => {
    expect(() => createScheduler("pbt", { fidelity })).toThrow(/unknown scheduler "pbt": expected one of sh, hyperband, asha, bohb, mf/);
  });

  // From a study config, a misspelt option must stop the study rather than be ignored.
  it.each(schedulerNames())("%s rejects an option it does not take and accepts its own", (name) => {
    let error: unknown;
    try {
      createScheduler(name, { fidelity, seed: 1, etta: 2 } as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const issue = (error as ValidationError).issues.find((i) => i.code === "unknown_option");
    expect(issue?.path).toEqual(["etta"]);
    expect(issue?.message).toMatch(/^unknown option: expected one of seed, fidelity, eta\b/);
    const own: Record<string, object> = { sh: { n: 9 }, bohb: { randomFraction: 0.5 }, mf: { minCorrelation: 0.5, minPairs: 4, optimism: 2 } };
    expect(() => createScheduler(name, { fidelity, seed: 1, eta: 3, costName: "usd", ...own[name] })).not.toThrow();
  });

  it("says which scheduler's options another scheduler does not take", () => {
    expect(() => createScheduler("asha", { fidelity, n: 9 } as never)).toThrow(/asha scheduler: n: unknown option/);
  });
});
