/**
 * LLM access: one provider interface (chat, embeddings), an OpenAI-compatible client over
 * HTTP, an adapter for Vercel AI SDK models, an embedded GGUF runtime (node-llama-cpp), normalized usage priced from a versioned
 * table, rate limits, retries with backoff honouring Retry-After, timeouts, and a
 * record/replay cache. API keys come from the environment only. See docs/llm.md.
 *
 * @example
 * import { openAICompatible, ReplayCache } from "knobs";
 * const llm = openAICompatible({ baseURL: "https://api.openai.com/v1", cache: new ReplayCache("llm-cache.db") });
 * const { text, cost } = await llm.chat({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Say hi" }], rolloutId: "trial-3" });
 */
export type {
  ChatMessage,
  ChatRequest,
  ChatResponse,
  ChatRole,
  EmbedRequest,
  EmbedResponse,
  FinishReason,
  JsonSchema,
  JsonSchemaResponseFormat,
  LlmCost,
  LlmEvent,
  Provider,
  ToolCall,
  ToolDefinition,
  Usage,
} from "./spec.js";
export { openAICompatible, type OpenAICompatibleOptions } from "./openai-compatible/openai-compatible.js";
export type { MaxTokensField } from "./openai-compatible/chat-body.js";
export { aiSdkProvider, type AiSdkProviderOptions } from "./ai-sdk/ai-sdk-provider.js";
export type { AiSdkEmbeddingModelLike, AiSdkLanguageModelLike } from "./ai-sdk/model-like.js";
export { ReplayCache, withReplayCache, type ReplayCacheOptions, type ReplayMode } from "./replay-cache.js";
export { metered, type MeteredProvider } from "./metered-provider.js";
export { OPENAI_PRICES, extendPrices, findPrice, type ModelPrice, type PriceTable } from "./prices.js";
export { addCosts, freeCost, priceUsage, toLedgerCost, ZERO_USAGE } from "./cost.js";
export { DEFAULT_OUTPUT_TOKEN_ESTIMATE, RateLimiter, estimateChatTokens, type RateLimit } from "./rate-limiter.js";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry.js";
export type { CallPolicyOptions } from "./call-policy.js";
export type { Timing } from "./timing.js";
export { LlmError } from "./errors/llm-error.js";
export { LlmApiError } from "./errors/llm-api-error.js";
export { LlmResponseError, type ResponsePart } from "./errors/llm-response-error.js";
export { MissingApiKeyError } from "./errors/missing-api-key-error.js";
export { LlmAbortedError } from "./errors/llm-aborted-error.js";
export { LlmTimeoutError } from "./errors/llm-timeout-error.js";
export { LlmNetworkError } from "./errors/llm-network-error.js";
export { ReplayMissError } from "./errors/replay-miss-error.js";
export { UnknownModelError } from "./errors/unknown-model-error.js";
export { UnsupportedResponseFormatError } from "./errors/unsupported-response-format-error.js";
export { rejectsResponseFormat } from "./rejects-response-format.js";
export { recordingProvider, type RecordedCall } from "./recording-provider.js";
export { llamaCpp, type LlamaCppOptions, type LocalProvider } from "./local/llama-cpp-provider.js";
export { LOCAL_MODEL_PREFIX, localModelPath } from "./local/local-model-name.js";
export { NODE_LLAMA_CPP_VERSION } from "./local/llama-runtime.js";
export { LocalRuntimeMissingError } from "./errors/local-runtime-missing-error.js";
export { LocalModelMissingError } from "./errors/local-model-missing-error.js";
