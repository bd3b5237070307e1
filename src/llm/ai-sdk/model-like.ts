/**
 * The parts of the Vercel AI SDK's model specification (`LanguageModelV3` and
 * `EmbeddingModelV3` of @ai-sdk/provider, used by ai@6) that knobs calls, written out
 * structurally so knobs does not depend on the SDK: any object of this shape works,
 * e.g. `openai("gpt-4o-mini")` from @ai-sdk/openai.
 */

export interface AiSdkTextPart {
  type: "text";
  text: string;
}

export interface AiSdkToolCallPart {
  type: "tool-call";
  toolCallId: string;
  toolName: string;
  /** In a prompt: the arguments object. In a result: its JSON text. */
  input: unknown;
}

export interface AiSdkToolResultPart {
  type: "tool-result";
  toolCallId: string;
  toolName: string;
  output: { type: "text"; value: string };
}

export type AiSdkPromptMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: AiSdkTextPart[] }
  | { role: "assistant"; content: (AiSdkTextPart | AiSdkToolCallPart)[] }
  | { role: "tool"; content: AiSdkToolResultPart[] };

export interface AiSdkCallOptions {
  prompt: AiSdkPromptMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  seed?: number;
  responseFormat?: { type: "json"; schema?: Record<string, unknown>; name?: string };
  /** Options by provider name; each provider reads its own key and ignores the others. */
  providerOptions?: Record<string, Record<string, string | number | boolean>>;
  tools?: { type: "function"; name: string; description?: string; inputSchema: Record<string, unknown> }[];
  abortSignal?: AbortSignal;
}

/** Token counts as v3 reports them; v2's flat numbers are read too. */
export interface AiSdkUsage {
  inputTokens?: number | { total?: number; noCache?: number; cacheRead?: number; cacheWrite?: number };
  outputTokens?: number | { total?: number; text?: number; reasoning?: number };
  cachedInputTokens?: number;
  reasoningTokens?: number;
  raw?: Record<string, unknown>;
}

export interface AiSdkGenerateResult {
  content: ({ type: string } & Record<string, unknown>)[];
  /** v3: `{unified, raw}`; earlier: the unified string. */
  finishReason: string | { unified: string; raw?: string };
  usage: AiSdkUsage;
  response?: { modelId?: string };
}

export interface AiSdkLanguageModelLike {
  readonly modelId: string;
  readonly provider?: string;
  doGenerate(options: AiSdkCallOptions): PromiseLike<AiSdkGenerateResult>;
}

export interface AiSdkEmbeddingModelLike {
  readonly modelId: string;
  doEmbed(options: { values: string[]; abortSignal?: AbortSignal }): PromiseLike<{ embeddings: number[][]; usage?: { tokens: number } }>;
}
