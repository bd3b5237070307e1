import { attemptSignal } from "../attempt-signal.js";
import { callPolicy, type CallPolicyOptions } from "../call-policy.js";
import { priceUsage, ZERO_USAGE } from "../cost.js";
import { LlmResponseError } from "../errors/llm-response-error.js";
import { UnknownModelError } from "../errors/unknown-model-error.js";
import { findPrice, OPENAI_PRICES, type PriceTable } from "../prices.js";
import { estimateChatTokens, estimateEmbedTokens } from "../rate-limiter.js";
import { withReplayCache, type ReplayCache } from "../replay-cache.js";
import type { ChatRequest, ChatResponse, EmbedRequest, EmbedResponse, LlmCost, Provider, Usage } from "../spec.js";
import { withStructuredOutput } from "../structured-output.js";
import { totalTokens } from "../usage-total.js";
import { toCallOptions } from "./call-options.js";
import { readAiSdkUsage, readGenerateResult } from "./generate-result.js";
import { mapAiSdkError } from "./map-error.js";
import type { AiSdkEmbeddingModelLike, AiSdkLanguageModelLike } from "./model-like.js";

export interface AiSdkProviderOptions extends CallPolicyOptions {
  /** Language models by the name requests use in `model`, e.g. `{ "gpt-4o-mini": openai("gpt-4o-mini") }`. */
  languageModels?: Record<string, AiSdkLanguageModelLike>;
  /** Embedding models by name, e.g. `{ small: openai.embedding("text-embedding-3-small") }`. */
  embeddingModels?: Record<string, AiSdkEmbeddingModelLike>;
  /** Provider name in logs and reports (default "ai-sdk"). */
  name?: string;
  /** Time limit of one attempt (default 60 000 ms). */
  timeoutMs?: number;
  /** Prices, looked up by the model's `modelId` (default `OPENAI_PRICES`). */
  prices?: PriceTable;
  cache?: ReplayCache;
}

/**
 * A provider over Vercel AI SDK models (ai@6, specification v3), with knobs' retries,
 * rate limits, timeouts, prices and replay cache around each `doGenerate`/`doEmbed`.
 * The models are taken structurally (see model-like.ts): knobs does not import the SDK.
 *
 * @example
 * import { openai } from "@ai-sdk/openai";
 * const llm = aiSdkProvider({ languageModels: { "gpt-4o-mini": openai("gpt-4o-mini") } });
 * const answer = await llm.chat({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Say hi" }] });
 */
export function aiSdkProvider(options: AiSdkProviderOptions): Provider {
  const policy = callPolicy(options);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const prices = options.prices ?? OPENAI_PRICES;
  const languageModels = options.languageModels ?? {};
  const embeddingModels = options.embeddingModels ?? {};

  /** One model call under the policy, with a per-attempt timeout and the SDK's errors mapped. */
  function attempt<T>(label: string, signal: AbortSignal | undefined, run: (signal: AbortSignal) => PromiseLike<T>): Promise<T> {
    const limit = attemptSignal(signal, timeoutMs);
    return Promise.resolve(run(limit.signal))
      .catch((error: unknown) => {
        throw mapAiSdkError(error, label, signal, limit.timedOut, timeoutMs, policy.timing.now());
      })
      .finally(() => limit.dispose());
  }

  function costOf(usage: Usage | undefined, ...models: string[]): LlmCost {
    const price = models.map((model) => findPrice(prices, model)).find((found) => found !== undefined);
    if (usage === undefined) return { ...priceUsage(ZERO_USAGE, price), usd: null };
    return priceUsage(usage, price);
  }

  const provider: Provider = {
    name: options.name ?? "ai-sdk",

    async chat(request: ChatRequest): Promise<ChatResponse> {
      const model = languageModels[request.model];
      if (!model) throw new UnknownModelError(request.model, "language", Object.keys(languageModels));
      const estimate = estimateChatTokens(request);
      const label = `${model.provider ?? "ai-sdk"}:${model.modelId}`;
      const result = await policy.run(estimate, request.signal, async () => {
        const raw = await attempt(label, request.signal, (signal) => model.doGenerate(toCallOptions(request, signal)));
        const usage = readAiSdkUsage(raw.usage);
        return { value: { raw, usage, read: readGenerateResult(raw) }, usedTokens: usage ? totalTokens(usage) : estimate };
      });
      const modelId = result.raw.response?.modelId ?? model.modelId;
      const { text, toolCalls, finishReason } = result.read;
      return {
        text,
        toolCalls,
        usage: result.usage ?? { ...ZERO_USAGE },
        cost: costOf(result.usage, modelId, model.modelId),
        model: modelId,
        finishReason,
        cached: false,
      };
    },

    async embed(request: EmbedRequest): Promise<EmbedResponse> {
      const model = embeddingModels[request.model];
      if (!model) throw new UnknownModelError(request.model, "embedding", Object.keys(embeddingModels));
      const estimate = estimateEmbedTokens(request.input);
      const result = await policy.run(estimate, request.signal, async () => {
        const raw = await attempt(`ai-sdk:${model.modelId}`, request.signal, (signal) => model.doEmbed({ values: [...request.input], abortSignal: signal }));
        return { value: raw, usedTokens: raw.usage?.tokens ?? estimate };
      });
      if (result.embeddings.length !== request.input.length) {
        throw new LlmResponseError("embeddings", `has ${result.embeddings.length} vectors for ${request.input.length} inputs`);
      }
      const usage = result.usage ? { ...ZERO_USAGE, inputTokens: result.usage.tokens } : undefined;
      return { vectors: result.embeddings, usage: usage ?? { ...ZERO_USAGE }, cost: costOf(usage, model.modelId), model: model.modelId, cached: false };
    },
  };
  return withStructuredOutput(options.cache ? withReplayCache(provider, options.cache, options.onEvent) : provider);
}
