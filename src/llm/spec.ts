/**
 * The LLM provider interface: what agents and systems call, whatever serves the model.
 * Types only; implementations live beside this file (`openai-compatible/`, `ai-sdk/`).
 */

/** JSON Schema, kept opaque: knobs passes it through to the provider. */
export type JsonSchema = Record<string, unknown>;

export type ChatRole = "system" | "user" | "assistant" | "tool";

/** One message of a conversation. */
export interface ChatMessage {
  role: ChatRole;
  content: string;
  /** Tool calls an assistant message made (to send a conversation back with its tool calls). */
  toolCalls?: readonly ToolCall[];
  /** On a `tool` message: the id of the call this message answers. */
  toolCallId?: string;
}

/** A function the model may call. */
export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonSchema;
}

/** Ask for a JSON answer that follows `schema`; the parsed value lands in `ChatResponse.object`. */
export interface JsonSchemaResponseFormat {
  type: "json_schema";
  name: string;
  schema: JsonSchema;
  /** Ask the provider to enforce the schema exactly (OpenAI `strict`); omitted unless set. */
  strict?: boolean;
}

export interface ChatRequest {
  model: string;
  messages: readonly ChatMessage[];
  tools?: readonly ToolDefinition[];
  responseFormat?: JsonSchemaResponseFormat;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
  stop?: string | readonly string[];
  /**
   * Names one sample among repeated identical requests (at temperature > 0 each rollout
   * is a different draw). Part of the replay-cache key; never sent to the provider.
   */
  rolloutId?: string;
  /** Cancels the call; an aborted call throws `LlmAbortedError` and is not retried. */
  signal?: AbortSignal;
}

/** A call the model asked for, with its arguments parsed from JSON. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

/**
 * Token usage, normalized: input split into uncached and cache-read tokens, output into
 * text and reasoning tokens. The four parts add up to every token the call was billed for.
 */
export interface Usage {
  /** Input tokens not served from the provider's prompt cache. */
  inputTokens: number;
  /** Input tokens read from the provider's prompt cache (billed at the cached rate). */
  cachedInputTokens: number;
  /** Visible output tokens. */
  outputTokens: number;
  /** Hidden reasoning tokens (billed as output). */
  reasoningTokens: number;
  /** The provider's own usage object, as it came. */
  raw?: Record<string, unknown>;
}

/**
 * What one call spent. `usd` is null when the model has no price in the table (never a
 * silent 0); token counts are what this call consumed (all 0 on a replay-cache hit).
 */
export interface LlmCost {
  usd: number | null;
  priceKnown: boolean;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

export type FinishReason = "stop" | "length" | "tool-calls" | "content-filter" | "error" | "other" | "unknown";

export interface ChatResponse {
  /** The assistant's text ("" when it only called tools). */
  text: string;
  toolCalls: ToolCall[];
  /** With a `responseFormat`: the answer parsed from JSON (not checked against the schema). */
  object?: unknown;
  /** The model's refusal to answer, when the provider reports one apart from the text (OpenAI `message.refusal`). */
  refusal?: string;
  usage: Usage;
  cost: LlmCost;
  /** The model that answered, as the provider names it. */
  model: string;
  finishReason: FinishReason;
  /** True when the answer came from the replay cache: nothing was spent. */
  cached: boolean;
  /** On a cache hit: the usage of the original call, for reporting. */
  cachedUsage?: Usage;
}

export interface EmbedRequest {
  model: string;
  input: readonly string[];
  signal?: AbortSignal;
}

export interface EmbedResponse {
  /** One vector per input, in input order. */
  vectors: number[][];
  usage: Usage;
  cost: LlmCost;
  model: string;
  cached: boolean;
  cachedUsage?: Usage;
}

/** A source of chat completions and embeddings. */
export interface Provider {
  /** A short name for logs and reports (e.g. "openai-compatible"). */
  readonly name: string;
  chat(request: ChatRequest): Promise<ChatResponse>;
  embed(request: EmbedRequest): Promise<EmbedResponse>;
}

/** Something worth logging: a retry, a wait for the rate limiter, a cache hit. Never holds a key. */
export type LlmEvent =
  | { type: "retry"; attempt: number; delayMs: number; code: string; status?: number }
  | { type: "rate-limit-wait"; waitMs: number }
  | { type: "cache-hit"; kind: "chat" | "embed"; model: string }
  | { type: "cache-store"; kind: "chat" | "embed"; model: string };
