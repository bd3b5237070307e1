import { callPolicy, type CallPolicyOptions } from "../call-policy.js";
import { priceUsage, ZERO_USAGE } from "../cost.js";
import { MissingApiKeyError } from "../errors/missing-api-key-error.js";
import { findPrice, OPENAI_PRICES, type PriceTable } from "../prices.js";
import { estimateChatTokens, estimateEmbedTokens } from "../rate-limiter.js";
import { withReplayCache, type ReplayCache } from "../replay-cache.js";
import type { ChatRequest, ChatResponse, EmbedRequest, EmbedResponse, LlmCost, Provider, Usage } from "../spec.js";
import { withStructuredOutput } from "../structured-output.js";
import { totalTokens } from "../usage-total.js";
import { toChatBody, type MaxTokensField } from "./chat-body.js";
import { parseChatResponse } from "./chat-response.js";
import { parseEmbedResponse } from "./embed-response.js";
import { postJson } from "./post-json.js";

export interface OpenAICompatibleOptions extends CallPolicyOptions {
  /** Base URL of the API, e.g. "https://api.openai.com/v1" or "http://127.0.0.1:8000/v1" (vLLM). */
  baseURL: string;
  /**
   * The environment variable holding the API key, read at each call (default
   * "OPENAI_API_KEY"). `null` sends no key, for local servers that need none.
   */
  apiKeyEnv?: string | null;
  /** Provider name in logs and reports (default "openai-compatible"). */
  name?: string;
  /** Headers added to every request (e.g. an organization id). Never stored. */
  defaultHeaders?: Record<string, string>;
  /** Time limit of one attempt, from sending to the whole body read (default 60 000 ms). */
  timeoutMs?: number;
  /** Prices used for `cost.usd` (default `OPENAI_PRICES`); an unlisted model costs `usd: null`. */
  prices?: PriceTable;
  /** Record/replay cache: a recorded call is answered from it at no cost. */
  cache?: ReplayCache;
  /** Field that carries `maxTokens` (default "max_tokens"; OpenAI's o-series and gpt-5 want "max_completion_tokens"). */
  maxTokensField?: MaxTokensField;
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch;
}

/**
 * A provider for any server that speaks OpenAI's chat-completions and embeddings API:
 * OpenAI, vLLM, Ollama, llama.cpp server, LM Studio. Calls go through the rate limiter,
 * are retried with full-jitter backoff honouring Retry-After, time out per attempt, and
 * are priced from `prices`. With `cache`, recorded calls are replayed for free.
 *
 * @example
 * const llm = openAICompatible({ baseURL: "https://api.openai.com/v1", rateLimit: { requestsPerMinute: 500 } });
 * const answer = await llm.chat({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Say hi" }] });
 * console.log(answer.text, answer.cost.usd);
 */
export function openAICompatible(options: OpenAICompatibleOptions): Provider {
  const baseURL = options.baseURL.replace(/\/+$/, "");
  const apiKeyEnv = options.apiKeyEnv === undefined ? "OPENAI_API_KEY" : options.apiKeyEnv;
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, but got ${timeoutMs}`);
  const policy = callPolicy(options);
  const prices = options.prices ?? OPENAI_PRICES;
  const doFetch = options.fetch ?? globalThis.fetch;

  /** One POST under the call policy; `parse` runs inside each attempt so the limiter learns the real usage. */
  function call<T extends { usage: Usage | undefined }>(path: string, body: unknown, estimate: number, signal: AbortSignal | undefined, parse: (answer: unknown) => T): Promise<T> {
    return policy.run(estimate, signal, async () => {
      const apiKey = readApiKey(apiKeyEnv);
      const headers: Record<string, string> = { ...options.defaultHeaders };
      if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
      const answer = await postJson({ url: `${baseURL}${path}`, body, headers, timeoutMs, signal, secret: apiKey, now: policy.timing.now, fetch: doFetch });
      const value = parse(answer);
      return { value, usedTokens: value.usage ? totalTokens(value.usage) : estimate };
    });
  }

  function costOf(usage: Usage | undefined, ...models: string[]): LlmCost {
    const price = models.map((model) => findPrice(prices, model)).find((found) => found !== undefined);
    // No usage in the answer: the tokens are unknown, so the dollars are too.
    if (usage === undefined) return { ...priceUsage(ZERO_USAGE, price), usd: null };
    return priceUsage(usage, price);
  }

  const provider: Provider = {
    name: options.name ?? "openai-compatible",

    async chat(request: ChatRequest): Promise<ChatResponse> {
      const body = toChatBody(request, options.maxTokensField ?? "max_tokens");
      const result = await call("/chat/completions", body, estimateChatTokens(request), request.signal, (answer) => parseChatResponse(answer, request));
      return {
        text: result.text,
        toolCalls: result.toolCalls,
        ...(result.refusal ? { refusal: result.refusal } : {}),
        usage: result.usage ?? { ...ZERO_USAGE },
        cost: costOf(result.usage, result.model, request.model),
        model: result.model,
        finishReason: result.finishReason,
        cached: false,
      };
    },

    async embed(request: EmbedRequest): Promise<EmbedResponse> {
      const body = { model: request.model, input: request.input };
      const result = await call("/embeddings", body, estimateEmbedTokens(request.input), request.signal, (answer) => parseEmbedResponse(answer, request));
      return {
        vectors: result.vectors,
        usage: result.usage ?? { ...ZERO_USAGE },
        cost: costOf(result.usage, result.model, request.model),
        model: result.model,
        cached: false,
      };
    },
  };
  return withStructuredOutput(options.cache ? withReplayCache(provider, options.cache, options.onEvent) : provider);
}

/** The key from the environment, read at call time; a missing key names the variable, never a value. */
function readApiKey(envVar: string | null): string | undefined {
  if (envVar === null) return undefined;
  const key = process.env[envVar];
  if (!key) throw new MissingApiKeyError(envVar);
  return key;
}
