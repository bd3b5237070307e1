import { describe, expect, it } from "vitest";
import { InvalidOptionsError, ValidationError } from "../../src/errors/index.js";
import { createOptimizer, MissingFidelityError, optimizerNames, optimizerRegistry, taskHooksOf, UnknownOptimizerError } from "../../src/optimizers/index.js";
import { int, Space, float } from "../../src/space/index.js";
import { runSampler } from "../../src/testing/index.js";
import { qmcSampler, tpeSampler } from "../../src/samplers/index.js";

const fidelity = { examples: int(10, 810) };
const llm = { model: "m", baseURL: "http://127.0.0.1:9/v1", apiKeyEnv: null };
/** What each optimizer needs beyond its seed to be made. */
const needs: Record<string, Record<string, unknown>> = { allocation: { llm, budget: 8, modelSizes: { s: 1 } }, generative: { llm } };

function refusal(make: () => unknown): ValidationError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionsError);
    return error as ValidationError;
  }
  throw new Error("expected an InvalidOptionsError");
}

describe("the optimizer registry", () => {
  it("holds every optimizer once, by kind, in the documented order", () => {
    expect(optimizerNames("sampler")).toEqual(["random", "qmc", "grid", "tpe", "motpe", "gp", "cmaes", "evolution", "nsga2", "auto"]);
    expect(optimizerNames("scheduler")).toEqual(["sh", "hyperband", "asha", "bohb", "mf"]);
    expect(optimizerNames("agent")).toEqual(["allocation", "generative", "research", "hybrid"]);
    expect(optimizerNames()).toEqual([...optimizerNames("sampler"), ...optimizerNames("scheduler"), ...optimizerNames("agent")]);
    expect(new Set(optimizerRegistry.map((e) => e.name)).size).toBe(optimizerRegistry.length);
  });

  it("makes every optimizer by name, the sampler carrying that name", () => {
    for (const name of optimizerNames()) {
      expect(createOptimizer(name, { seed: 1, ...needs[name] }, { fidelity }).name).toBe(name);
    }
  });

  it("refuses an unknown name with one error listing every name, with a hint", () => {
    const error = (() => {
      try {
        createOptimizer("tpee");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UnknownOptimizerError);
    expect((error as UnknownOptimizerError).code).toBe("unknown_sampler");
    expect((error as Error).message).toBe(`unknown optimizer "tpee": expected one of ${optimizerNames().join(", ")} (did you mean "tpe"?)`);
    expect(() => createOptimizer("nope")).toThrow(/unknown optimizer "nope": expected one of random, .*, allocation, generative, research, hybrid$/);
  });

  // A study config or a protocol client passes options as untyped keys: a misspelt one must
  // stop the study instead of running another one than asked for.
  it.each(optimizerNames())("%s rejects an option it does not take, naming it and the ones it does", (name) => {
    const error = refusal(() => createOptimizer(name, { seed: 1, popSize: 10, ...needs[name] }, { fidelity }));
    const issue = error.issues.find((i) => i.code === "unknown_option");
    expect(issue?.path).toEqual(["popSize"]);
    expect(issue?.message).toMatch(/^unknown option: expected one of /);
  });

  it("words a scheduler's options as the scheduler's, takes each one's own and `inner` by name", () => {
    expect(refusal(() => createOptimizer("asha", { n: 9 }, { fidelity })).message).toMatch(/^asha scheduler: n: unknown option: expected one of seed, eta, costName, resources, kinds, minModelTrials, stallLimit, budget, fidelityCost, inner$/);
    expect(refusal(() => createOptimizer("asha", { eta: 0.5 }, { fidelity })).message).toBe("asha scheduler: eta: expected a finite number > 1, received 0.5");
    expect(refusal(() => createOptimizer("sh", { inner: "asha" }, { fidelity })).message).toMatch(/^sh scheduler: inner: expected a sampler name \(random, qmc, .*, auto\), received "asha"$/);
    const own: Record<string, object> = { sh: { n: 9 }, bohb: { randomFraction: 0.5 }, mf: { minCorrelation: 0.5, minPairs: 4, optimism: 2 } };
    for (const name of optimizerNames("scheduler")) {
      expect(() => createOptimizer(name, { seed: 1, eta: 3, costName: "usd", inner: "tpe", ...own[name] }, { fidelity })).not.toThrow();
    }
  });

  it("says where to give the fidelity a multi-fidelity optimizer needs", () => {
    expect(() => createOptimizer("asha", {})).toThrow(MissingFidelityError);
    expect(() => createOptimizer("asha", {})).toThrow(/optimizer "asha" is a multi-fidelity scheduler and needs a fidelity space/);
    expect(() => createOptimizer("research", {}, { fidelity: null })).toThrow(/optimizer "research" is a multi-fidelity agent and needs a fidelity space/);
  });

  it("makes an inner sampler by name as the factory would from a Sampler", async () => {
    const space = Space.parse({ x: float(0, 1), y: float(0, 1) });
    const evaluate = (config: Record<string, unknown>) => [(config.x as number) + (config.y as number)];
    const fidelityOf = { n: int(1, 9) };
    const byName = await runSampler({ sampler: createOptimizer("research", { seed: 2, inner: "qmc" }, { fidelity: fidelityOf }), space, evaluate, trials: 6 });
    const { researchOptimizer } = await import("../../src/agents/index.js");
    const byObject = await runSampler({ sampler: researchOptimizer({ seed: 2, inner: qmcSampler({ seed: 2 }), fidelity: fidelityOf }), space, evaluate, trials: 6 });
    expect(byName.map((t) => t.config)).toEqual(byObject.map((t) => t.config));
    const { ashaSampler } = await import("../../src/fidelity/index.js");
    const asha = await runSampler({ sampler: createOptimizer("asha", { seed: 3, inner: "tpe" }, { fidelity: fidelityOf }), space, evaluate, trials: 12 });
    const direct = await runSampler({ sampler: ashaSampler({ seed: 3, sampler: tpeSampler({ seed: 3 }), fidelity: fidelityOf }), space, evaluate, trials: 12 });
    expect(asha.map((t) => [t.config, t.fidelity])).toEqual(direct.map((t) => [t.config, t.fidelity]));
  });

  it("lets auto pick by the planned trials of the context, over its own option", async () => {
    const space = Space.parse({ x: float(0, 1), n: int(1, 9) });
    const evaluate = (config: Record<string, unknown>) => [(config.x as number) * (config.n as number)];
    const auto = await runSampler({ sampler: createOptimizer("auto", { seed: 4, trials: 10 }, { plannedTrials: 5000 }), space, evaluate, trials: 20 });
    const cmaes = await runSampler({ sampler: createOptimizer("cmaes", { seed: 4 }), space, evaluate, trials: 20 });
    expect(auto.map((t) => t.config)).toEqual(cmaes.map((t) => t.config));
  });

  it("gives the allocation agent the task's planned compute and budget unless the options set them", async () => {
    const space = Space.parse({ "a.model": { type: "categorical", choices: ["s", "l"] }, "a.samples": { type: "int", low: 1, high: 8 } });
    const seen: number[] = [];
    const taskHooks = { plannedCompute: (c: Record<string, unknown>) => (seen.push(1), (c["a.samples"] as number) * (c["a.model"] === "l" ? 4 : 1)), pipeline: { budget: 8 } };
    const sampler = createOptimizer("allocation", { seed: 0, llm }, { taskHooks });
    // The initial round needs no LLM: every model at an equal share of the task's budget.
    const trials = await runSampler({ sampler, space, trials: 2, evaluate: () => [1], objectives: [{ name: "q", direction: "maximize" }] });
    expect(seen.length).toBeGreaterThan(0);
    for (const t of trials) expect(taskHooks.plannedCompute(t.config)).toBeLessThanOrEqual(8);
    expect(new Set(trials.map((t) => t.config["a.model"]))).toEqual(new Set(["s", "l"]));
  });

  it("reads a task's agent hooks by shape", () => {
    const task = { id: "t", plannedCompute(this: { scale: number }, config: Record<string, unknown>) { return (config.n as number) * this.scale; }, scale: 2, pipeline: { budget: 8 } };
    const hooks = taskHooksOf(task);
    expect(hooks.plannedCompute?.({ n: 3 })).toBe(6);
    expect(hooks.pipeline).toEqual({ budget: 8 });
    expect(hooks.computeBudget).toBeUndefined();
    expect(taskHooksOf({ id: "plain" })).toEqual({});
  });
});
