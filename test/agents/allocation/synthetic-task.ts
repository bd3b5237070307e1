/**
 * A SYNTHETIC two-stage task for the allocation agent's tests (no real data, no LLM): stage
 * quality saturates with the sample count, the two stages prefer different models, and the
 * task's quality is the product of the stages'. Compute is the agent's default model:
 * samples x size / 3 per stage, so small-3b costs 1 per sample and large-30b 10.
 */
import { categorical, int, Space, type Config } from "../../../src/space/index.js";

export const MODEL_SIZES = { "small-3b": 3, "large-30b": 30 };
export const BUDGET = 60;

export const space = Space.parse({
  "retrieve.model": categorical(["small-3b", "large-30b"]),
  "retrieve.samples": int(1, 20),
  "answer.model": categorical(["small-3b", "large-30b"]),
  "answer.samples": int(1, 20),
});

/** Per stage and model: the quality ceiling and how fast samples approach it. */
const CURVES: Record<string, Record<string, { cap: number; rate: number }>> = {
  retrieve: { "small-3b": { cap: 0.7, rate: 0.2 }, "large-30b": { cap: 0.95, rate: 0.6 } },
  answer: { "small-3b": { cap: 0.9, rate: 0.5 }, "large-30b": { cap: 0.92, rate: 0.55 } },
};

function stageQuality(stage: string, config: Config): number {
  const { cap, rate } = CURVES[stage][config[`${stage}.model`] as string];
  return cap * (1 - (1 - rate) ** (config[`${stage}.samples`] as number));
}

/** Synthetic quality in [0, 1): the product of the stages' saturating curves. */
export function quality(config: Config): number {
  return Number((stageQuality("retrieve", config) * stageQuality("answer", config)).toFixed(6));
}

/** Planned compute under the default model (samples x size / 3 per stage). */
export function compute(config: Config): number {
  let total = 0;
  for (const stage of ["retrieve", "answer"]) {
    total += ((config[`${stage}.samples`] as number) * MODEL_SIZES[config[`${stage}.model`] as keyof typeof MODEL_SIZES]) / 3;
  }
  return total;
}

/** An allocation config in one call: `alloc("small-3b", 4, "large-30b", 1)`. */
export function alloc(retrieveModel: string, retrieveSamples: number, answerModel: string, answerSamples: number): Config {
  return { "retrieve.model": retrieveModel, "retrieve.samples": retrieveSamples, "answer.model": answerModel, "answer.samples": answerSamples };
}

/** The same allocation in the JSON shape the LLM answers in. */
export function candidate(retrieveModel: string, retrieveSamples: number, answerModel: string, answerSamples: number): Record<string, unknown> {
  return { retrieve: { model: retrieveModel, samples: retrieveSamples }, answer: { model: answerModel, samples: answerSamples } };
}
