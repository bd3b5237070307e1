import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidOptionsError, integerOption, parseOptions, seedOption, ValidationError } from "../../src/errors/index.js";
import { medianPruner } from "../../src/fidelity/index.js";
import { cmaesSampler } from "../../src/samplers/index.js";
import { allocationOptimizer } from "../../src/agents/index.js";

const schema = z.strictObject({ seed: seedOption, popsize: integerOption(2, "an integer >= 2"), label: z.string().min(2).optional() });

function refusal(make: () => unknown): InvalidOptionsError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionsError);
    expect(error).toBeInstanceOf(ValidationError);
    return error as InvalidOptionsError;
  }
  throw new Error("expected an InvalidOptionsError");
}

describe("parseOptions", () => {
  it("returns the parsed options", () => {
    expect(parseOptions(schema, { seed: 3 }, "x sampler")).toEqual({ seed: 3 });
    expect(parseOptions(schema, undefined, "x sampler")).toEqual({});
  });

  it("names every problem, unknown options first with a hint, then described values, then zod's wording", () => {
    const error = refusal(() => parseOptions(schema, { popsize: 1.5, popSize: 8, label: "a" }, "x sampler"));
    expect(error.message.split("\n")).toEqual([
      'x sampler: popSize: unknown option: expected one of seed, popsize, label (did you mean "popsize"?)',
      "x sampler: popsize: expected an integer >= 2, received 1.5",
      "x sampler: label: Too small: expected string to have >=2 characters",
    ]);
    expect(error.code).toBe("invalid_input");
    expect(error.where).toBe("x sampler");
    expect(error.options).toEqual(["popSize", "popsize", "label"]);
    expect(error.accepted).toEqual(["seed", "popsize", "label"]);
    expect(error.issues.map((issue) => issue.code)).toEqual(["unknown_option", "invalid_option", "too_small"]);
  });

  it("words a function and an absent value", () => {
    const needed = z.strictObject({ f: z.number().describe("a number") });
    expect(refusal(() => parseOptions(needed, {}, "y")).message).toBe("y: f: expected a number, received undefined");
    expect(refusal(() => parseOptions(needed, { f: () => 1 }, "y")).message).toBe("y: f: expected a number, received a function");
  });

  it("is how samplers, pruners and agents check their options", () => {
    expect(refusal(() => cmaesSampler({ popsize: 1 })).message).toBe("cmaes sampler: popsize: expected an integer >= 2, received 1");
    expect(refusal(() => medianPruner({ minTrials: 0 })).message).toBe("median pruner: minTrials: expected an integer >= 1, received 0");
    expect(refusal(() => medianPruner({ minTrails: 2 } as never)).message).toMatch(/^median pruner: minTrails: unknown option: expected one of startupTrials, .* \(did you mean "minTrials"\?\)$/);
    expect(refusal(() => allocationOptimizer({ llm: { model: "m" }, budget: 0, modelSizes: {} })).where).toBe("allocation optimizer");
  });
});
