import type { ChatRequest, ChatResponse, EmbedRequest, EmbedResponse, LlmCost, Provider } from "../../../src/llm/index.js";
import { wordTokens } from "../../../src/systems/rag/index.js";

const DIMENSIONS = 256;

/** A deterministic stand-in embedding: word counts hashed into 256 dimensions (FNV-1a). */
export function hashEmbedding(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const word of wordTokens(text)) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193) >>> 0;
    vector[hash % DIMENSIONS] += 1;
  }
  return vector;
}

const cost = (inputTokens: number, outputTokens: number): LlmCost => ({
  usd: (inputTokens + outputTokens) / 1e6,
  priceKnown: true,
  inputTokens,
  cachedInputTokens: 0,
  outputTokens,
  reasoningTokens: 0,
});

/**
 * An in-process Provider for unit tests: `embed` returns hashEmbedding vectors and charges one
 * input token per word; `chat` answers with `reply(prompt)` and charges 10 input and 2 output
 * tokens. Every request is kept.
 */
export function fakeProvider(reply: (prompt: string) => string = () => "ok"): Provider & { chats: ChatRequest[]; embeds: EmbedRequest[] } {
  const chats: ChatRequest[] = [];
  const embeds: EmbedRequest[] = [];
  return {
    name: "fake",
    chats,
    embeds,
    async chat(request: ChatRequest): Promise<ChatResponse> {
      chats.push(request);
      const text = reply(request.messages[request.messages.length - 1].content);
      const usage = { inputTokens: 10, cachedInputTokens: 0, outputTokens: 2, reasoningTokens: 0 };
      return { text, toolCalls: [], usage, cost: cost(10, 2), model: request.model, finishReason: "stop", cached: false };
    },
    async embed(request: EmbedRequest): Promise<EmbedResponse> {
      embeds.push(request);
      const words = request.input.reduce((sum, text) => sum + wordTokens(text).length, 0);
      const usage = { inputTokens: words, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
      return { vectors: request.input.map(hashEmbedding), usage, cost: cost(words, 0), model: request.model, cached: false };
    },
  };
}
