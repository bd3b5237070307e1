import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors/index.js";
import { createSampler, samplerNames } from "../../src/samplers/index.js";

describe("createSampler", () => {
  it("lists every sampler and rejects an unknown name", () => {
    expect(samplerNames()).toEqual(expect.arrayContaining(["random", "qmc", "grid", "tpe", "motpe", "gp", "cmaes", "evolution", "nsga2", "auto"]));
    expect(() => createSampler("tpee")).toThrow(/unknown optimizer "tpee": expected one of random/);
  });

  // A study config or a protocol client passes options as untyped keys: a misspelt one must
  // stop the study instead of running another one than asked for.
  it.each(samplerNames())("%s rejects an option it does not take, naming it and the ones it does", (name) => {
    let error: unknown;
    try {
      createSampler(name, { seed: 1, popSize: 10 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const issue = (error as ValidationError).issues.find((i) => i.code === "unknown_option");
    expect(issue?.path).toEqual(["popSize"]);
    expect(issue?.message).toMatch(/^unknown option: expected one of seed\b/);
    expect(() => createSampler(name, { seed: 1 })).not.toThrow();
  });
});
