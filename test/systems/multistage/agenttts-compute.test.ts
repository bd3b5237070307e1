import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../src/errors/index.js";
import { getTask } from "../../../src/bench/builtin/index.js";
import { AGENTTTS_REFERENCE, agentTtsCompute, multiStagePipelineOf, twoWikiPipeline, twoWikiTask } from "../../../src/systems/multistage/index.js";

const config = (retrieve: string, retrieveSamples: number, answer: string, answerSamples: number) => ({
  "retrieve.model": retrieve,
  "retrieve.samples": retrieveSamples,
  "answer.model": answer,
  "answer.samples": answerSamples,
});
const Q72 = "Qwen/Qwen2.5-72B-Instruct-AWQ";
const Q7 = "Qwen/Qwen2.5-7B-Instruct-AWQ";
const L3 = "meta-llama/Llama-3.2-3B-Instruct";
const L70 = "meta-llama/Llama-3.1-70B-Instruct";

describe("agentTtsCompute", () => {
  it("gives 1 unit for the reference call: 3B, 128 prompt and 64 decoded tokens", () => {
    expect(agentTtsCompute({ paramsBillions: 3, promptTokens: 128, decodeTokens: 64 })).toBe(1);
    expect(AGENTTTS_REFERENCE).toEqual({ paramsBillions: 3, promptTokens: 128, decodeTokens: 64 });
  });

  it("matches the AgentTTS figures for 2WikiMultiHopQA", () => {
    // Retrieval, Qwen2.5-72B, 1 sample, Np 2048, Nd 128: (72/3) (2048 + 128) / 64 - 2 = 24 * 34 - 2.
    expect(agentTtsCompute({ paramsBillions: 72, promptTokens: 2048, decodeTokens: 128 })).toBe(814);
    // QA, Llama 3B, 50 samples, Np 256, Nd 64: (256 + 3200) / 64 - 2 = 52.
    expect(agentTtsCompute({ paramsBillions: 3, promptTokens: 256, decodeTokens: 50 * 64 })).toBe(52);
    // QA, Llama 70B, 1 sample: (70/3) * 320 / 64 - 2 = 114.67 (upstream's unit budget "115").
    expect(agentTtsCompute({ paramsBillions: 70, promptTokens: 256, decodeTokens: 64 })).toBeCloseTo(350 / 3 - 2, 12);
  });

  it("clamps at 0 below the reference prompt, as upstream does", () => {
    expect(agentTtsCompute({ paramsBillions: 1, promptTokens: 100, decodeTokens: 10 })).toBe(0);
    expect(agentTtsCompute({ paramsBillions: 3, promptTokens: 0, decodeTokens: 0 })).toBe(0);
  });
});

describe("planned compute and the budget", () => {
  const pipeline = twoWikiPipeline({ budget: 850 });

  it("has a model and a sample count per stage in its space", () => {
    expect(pipeline.space.names).toEqual(["retrieve.model", "retrieve.samples", "answer.model", "answer.samples"]);
    expect(pipeline.space.params["retrieve.samples"]).toEqual({ type: "int", low: 1, high: 100 });
    expect(pipeline.space.params["answer.model"]).toMatchObject({ type: "categorical", choices: [L3, "meta-llama/Llama-3.1-8B-Instruct", L70] });
    expect(pipeline.budget).toBe(850);
  });

  it("sums the stages' planned units and reports the violation of the budget", () => {
    // 814 + (256 + 64) / 64 - 2 = 814 + 3.
    expect(pipeline.plannedCompute(config(Q72, 1, L3, 1))).toBe(817);
    expect(pipeline.budgetViolation(config(Q72, 1, L3, 1))).toBe(-33);
    expect(pipeline.withinBudget(config(Q72, 1, L3, 1))).toBe(true);
    const over = config(Q72, 1, L70, 1);
    expect(pipeline.plannedCompute(over)).toBeCloseTo(814 + 350 / 3 - 2, 10);
    expect(pipeline.budgetViolation(over)).toBeCloseTo(814 + 350 / 3 - 2 - 850, 10);
    expect(pipeline.withinBudget(over)).toBe(false);
    // 7B retrieval, 10 samples: (7/3) (2048 + 1280) / 64 - 2 = 119.33.
    expect(pipeline.plannedStageCompute("retrieve", Q7, 10)).toBeCloseTo((7 / 3) * (3328 / 64) - 2, 10);
  });

  it("finds the most samples that fit in a number of units", () => {
    expect(pipeline.maxSamplesWithin("retrieve", Q72, 814)).toBe(1);
    expect(pipeline.maxSamplesWithin("retrieve", Q72, 813.9)).toBe(0);
    expect(pipeline.maxSamplesWithin("answer", L3, 52)).toBe(50);
    expect(pipeline.maxSamplesWithin("answer", L3, 51.99)).toBe(49);
    expect(pipeline.maxSamplesWithin("answer", L3, 1e9)).toBe(100);
    expect(() => pipeline.maxSamplesWithin("answer", Q72, 10)).toThrow(/unknown model/);
  });

  it("is found behind its task by multiStagePipelineOf", () => {
    expect(multiStagePipelineOf(twoWikiTask())?.stages.map((stage) => stage.name)).toEqual(["retrieve", "answer"]);
    expect(multiStagePipelineOf(getTask("synthetic/branin"))).toBeNull();
  });

  it("has no violation without a budget, and rejects unknown stages, models and configs", () => {
    const free = twoWikiPipeline({ budget: null });
    expect(free.budgetViolation(config(Q72, 100, L70, 100))).toBeNull();
    expect(free.withinBudget(config(Q72, 100, L70, 100))).toBe(true);
    expect(() => pipeline.plannedStageCompute("rerank", Q7, 1)).toThrow(/unknown stage; the stages are retrieve, answer/);
    expect(() => pipeline.plannedStageCompute("retrieve", L3, 1)).toThrow(/unknown model; the candidates are Qwen/);
    expect(() => pipeline.plannedCompute(config(Q72, 0, L3, 1))).toThrow(ValidationError);
  });
});
