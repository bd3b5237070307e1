import { deriveSeed } from "../../math/index.js";
import { addCosts, findPrice, priceUsage, type ChatResponse, type LlmCost, type PriceTable, type Provider, type Usage } from "../../llm/index.js";
import { agentTtsCompute } from "./agenttts-compute.js";
import { bestOfN, majorityVote, type AggregationCandidate } from "./aggregate.js";
import { mapLimit } from "../map-limit.js";
import { describeError, isReplyFailure } from "./reply-failure.js";
import { SampleParseError } from "./sample-parse-error.js";
import type { CandidateModel, SampleResult, StageAllocation, StageContext, StageDefinition, StageRun } from "./spec.js";

export const ZERO_USAGE: Usage = Object.freeze({ inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 });

/** The cost of nothing: the start of every sum. */
export function zeroCost(): LlmCost {
  return { usd: 0, priceKnown: true, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
}

/** How the calls of one run are made. */
export interface CallOptions {
  provider: Provider;
  /** Seed of the evaluation: part of every rollout id, and the source of each request's `seed`. */
  seed: number;
  /** Names the item in rollout ids (e.g. "2wiki/q3"), so each sample is recorded apart in a replay cache. */
  itemKey: string;
  /** The name to request for a candidate model (default: its own name). */
  servedModel?: (name: string) => string;
  /** Prices for models without their own `price`; default: the provider's prices. */
  prices?: PriceTable;
  /** Samples of one stage in flight at once (default 4). */
  sampleConcurrency?: number;
  signal?: AbortSignal;
}

/**
 * Runs one stage for one item: `samples` calls with the same messages (each its own rollout id
 * and seed), parses each reply, and aggregates the outputs of the samples that parsed. A
 * malformed reply or a rejected request fails its sample alone (see isReplyFailure); any other
 * error is thrown.
 */
export async function runStage<I>(
  stage: StageDefinition<I, unknown>,
  allocation: StageAllocation,
  context: StageContext<I>,
  options: CallOptions,
): Promise<StageRun> {
  const messages = stage.messages(context);
  const model = allocation.model;
  const indices = Array.from({ length: allocation.samples }, (_, k) => k);
  const samples = await mapLimit(indices, options.sampleConcurrency ?? 4, async (k): Promise<SampleResult> => {
    let response: ChatResponse;
    try {
      response = await options.provider.chat({
        model: options.servedModel?.(model.name) ?? model.name,
        messages,
        temperature: stage.temperature ?? 0.7,
        maxTokens: stage.maxTokens ?? stage.plannedTokens.decode,
        // OpenAI-compatible servers take a signed 32-bit seed.
        seed: deriveSeed(options.seed, options.itemKey, stage.name, k) >>> 1,
        rolloutId: `${options.itemKey}/${stage.name}/${k}/seed-${options.seed}`,
        signal: options.signal,
      });
    } catch (error) {
      if (!isReplyFailure(error)) throw error;
      return { index: k, text: "", error: describeError(error), usage: ZERO_USAGE, cost: zeroCost() };
    }
    const sample = { index: k, text: response.text, usage: response.usage, cost: priceCall(response, model, options.prices) };
    try {
      return { ...sample, output: stage.parse(response.text, context) };
    } catch (error) {
      if (!(error instanceof SampleParseError)) throw error;
      return { ...sample, error: describeError(error) };
    }
  });
  const candidates: AggregationCandidate<unknown>[] = samples.filter((sample) => sample.error === undefined).map((sample) => ({ index: sample.index, output: sample.output }));
  const chosen = aggregate(stage, candidates, context);
  return {
    stage: stage.name,
    model: model.name,
    samples,
    output: chosen ? chosen.output : null,
    chosen: chosen ? chosen.index : null,
    compute: measuredCompute(model, samples),
    cost: samples.reduce((sum, sample) => addCosts(sum, sample.cost), zeroCost()),
  };
}

function aggregate<I>(stage: StageDefinition<I, unknown>, candidates: AggregationCandidate<unknown>[], context: StageContext<I>): AggregationCandidate<unknown> | null {
  const aggregation = stage.aggregation;
  if (aggregation.kind === "majority-vote") return majorityVote(candidates, aggregation.key)?.chosen ?? null;
  return bestOfN(candidates, candidates.map((candidate) => aggregation.score(candidate.output, context)));
}

/** The model's own price, else the table's, else what the provider charged (usd null when unknown). */
function priceCall(response: ChatResponse, model: CandidateModel, prices: PriceTable | undefined): LlmCost {
  const price = model.price ?? (prices ? findPrice(prices, model.name) : undefined);
  return price ? priceUsage(response.usage, price) : response.cost;
}

/**
 * AgentTTS units of the calls made: the prompt counted once (every sample sends the same one),
 * the decoded tokens of all samples (text and reasoning) summed.
 */
function measuredCompute(model: CandidateModel, samples: readonly SampleResult[]): number {
  let promptTokens = 0;
  let decodeTokens = 0;
  for (const { usage } of samples) {
    promptTokens = Math.max(promptTokens, usage.inputTokens + usage.cachedInputTokens);
    decodeTokens += usage.outputTokens + usage.reasoningTokens;
  }
  return agentTtsCompute({ paramsBillions: model.paramsBillions, promptTokens, decodeTokens });
}
