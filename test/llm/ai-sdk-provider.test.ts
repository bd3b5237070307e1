import { describe, expect, it } from "vitest";
import { aiSdkProvider } from "../../src/llm/ai-sdk/ai-sdk-provider.js";
import type { AiSdkCallOptions, AiSdkGenerateResult, AiSdkLanguageModelLike } from "../../src/llm/ai-sdk/model-like.js";
import { fakeTiming } from "./fake-timing.js";

/** A stand-in for an AI SDK v3 language model: answers from a script, records its call options. */
function scriptedModel(modelId: string, ...script: (AiSdkGenerateResult | Error)[]) {
  const calls: AiSdkCallOptions[] = [];
  const model: AiSdkLanguageModelLike = {
    modelId,
    provider: "test",
    async doGenerate(options) {
      calls.push(options);
      const next = script.shift();
      if (!next) throw new Error("script exhausted");
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return { model, calls };
}

/** Shaped like the AI SDK's APICallError. */
function apiCallError(statusCode: number, responseHeaders: Record<string, string> = {}) {
  return Object.assign(new Error(`HTTP ${statusCode}`), { statusCode, responseHeaders, isRetryable: statusCode === 429 || statusCode >= 500, url: "https://api.example/v1" });
}

const v3Usage = {
  inputTokens: { total: 1000, noCache: 400, cacheRead: 600, cacheWrite: undefined },
  outputTokens: { total: 300, text: 100, reasoning: 200 },
};

describe("aiSdkProvider", () => {
  it("maps the conversation to a v3 prompt and reads text, usage and cost", async () => {
    const { model, calls } = scriptedModel("gpt-4.1", { content: [{ type: "text", text: "Paris" }], finishReason: { unified: "stop", raw: "stop" }, usage: v3Usage, warnings: [] } as AiSdkGenerateResult);
    const llm = aiSdkProvider({ languageModels: { big: model }, timing: fakeTiming().timing });
    const answer = await llm.chat({
      model: "big",
      temperature: 0.2,
      maxTokens: 50,
      stop: "END",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Capital of France?" },
        { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "lookup", arguments: { q: "France" } }] },
        { role: "tool", content: "Paris", toolCallId: "c1" },
      ],
    });
    expect(answer).toMatchObject({ text: "Paris", finishReason: "stop", model: "gpt-4.1", cached: false });
    expect(answer.usage).toEqual({ inputTokens: 400, cachedInputTokens: 600, outputTokens: 100, reasoningTokens: 200 });
    // gpt-4.1: $2 input, $0.50 cached, $8 output.
    expect(answer.cost.usd).toBeCloseTo((400 * 2 + 600 * 0.5 + 300 * 8) / 1e6, 12);
    const options = calls[0];
    expect(options.prompt).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: [{ type: "text", text: "Capital of France?" }] },
      { role: "assistant", content: [{ type: "tool-call", toolCallId: "c1", toolName: "lookup", input: { q: "France" } }] },
      { role: "tool", content: [{ type: "tool-result", toolCallId: "c1", toolName: "lookup", output: { type: "text", value: "Paris" } }] },
    ]);
    expect(options).toMatchObject({ temperature: 0.2, maxOutputTokens: 50, stopSequences: ["END"] });
    expect(options.abortSignal).toBeInstanceOf(AbortSignal);
  });

  it("parses tool calls and structured output, and reads v2 flat usage", async () => {
    const { model, calls } = scriptedModel(
      "gpt-4o-mini",
      { content: [{ type: "tool-call", toolCallId: "t", toolName: "search", input: '{"k":2}' }], finishReason: "tool-calls", usage: { inputTokens: 50, cachedInputTokens: 10, outputTokens: 5 } },
      { content: [{ type: "text", text: '{"ok":true}' }], finishReason: "stop", usage: { inputTokens: 5, outputTokens: 5 } },
    );
    const llm = aiSdkProvider({ languageModels: { "gpt-4o-mini": model }, timing: fakeTiming().timing });
    const tools = [{ name: "search", parameters: { type: "object" } }];
    const called = await llm.chat({ model: "gpt-4o-mini", messages: [{ role: "user", content: "go" }], tools });
    expect(called.toolCalls).toEqual([{ id: "t", name: "search", arguments: { k: 2 } }]);
    expect(called.finishReason).toBe("tool-calls");
    expect(called.usage).toEqual({ inputTokens: 40, cachedInputTokens: 10, outputTokens: 5, reasoningTokens: 0 });
    expect(calls[0].tools).toEqual([{ type: "function", name: "search", description: undefined, inputSchema: { type: "object" } }]);
    const structured = await llm.chat({ model: "gpt-4o-mini", messages: [{ role: "user", content: "go" }], responseFormat: { type: "json_schema", name: "r", schema: { type: "object" } } });
    expect(structured.object).toEqual({ ok: true });
    expect(calls[1].responseFormat).toEqual({ type: "json", name: "r", schema: { type: "object" } });
  });

  it("retries the SDK's retryable API errors, honouring Retry-After", async () => {
    const fake = fakeTiming();
    const ok = { content: [{ type: "text", text: "hi" }], finishReason: "stop", usage: { inputTokens: 1, outputTokens: 1 } };
    const { model, calls } = scriptedModel("m", apiCallError(429, { "retry-after": "3" }), apiCallError(400), ok);
    const llm = aiSdkProvider({ languageModels: { m: model }, timing: fake.timing });
    const error = await llm.chat({ model: "m", messages: [{ role: "user", content: "x" }] }).catch((caught) => caught);
    expect(error.code).toBe("llm_api_error");
    expect(error.status).toBe(400);
    expect(fake.sleeps).toEqual([3000]);
    expect(calls).toHaveLength(2);
    expect((await llm.chat({ model: "m", messages: [{ role: "user", content: "x" }] })).cost.usd).toBeNull();
  });

  it("names the known models when a request asks for another", async () => {
    const llm = aiSdkProvider({ languageModels: { a: scriptedModel("a").model } });
    await expect(llm.chat({ model: "b", messages: [] })).rejects.toMatchObject({ code: "unknown_model", message: 'no language model named "b" (known language models: a)' });
    await expect(llm.embed({ model: "e", input: ["x"] })).rejects.toThrow('no embedding model named "e" (this provider was given no embedding model)');
  });

  it("embeds through doEmbed", async () => {
    const llm = aiSdkProvider({
      embeddingModels: { small: { modelId: "text-embedding-3-small", doEmbed: async ({ values }) => ({ embeddings: values.map((v) => [v.length]), usage: { tokens: 4 } }) } },
    });
    const answer = await llm.embed({ model: "small", input: ["ab", "abc"] });
    expect(answer.vectors).toEqual([[2], [3]]);
    expect(answer.cost.usd).toBeCloseTo((4 * 0.02) / 1e6, 15);
  });

  it("turns a caller abort into an aborted error without retrying", async () => {
    const controller = new AbortController();
    let calls = 0;
    const model: AiSdkLanguageModelLike = {
      modelId: "m",
      doGenerate: (options) =>
        new Promise((_, reject) => {
          calls++;
          options.abortSignal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" })));
          controller.abort();
        }),
    };
    const llm = aiSdkProvider({ languageModels: { m: model }, timing: fakeTiming().timing });
    await expect(llm.chat({ model: "m", messages: [], signal: controller.signal })).rejects.toMatchObject({ code: "aborted" });
    expect(calls).toBe(1);
  });

  it("times out an attempt that never answers, and retries it", async () => {
    let calls = 0;
    const model: AiSdkLanguageModelLike = {
      modelId: "slow",
      doGenerate: (options) =>
        new Promise((_, reject) => {
          calls++;
          options.abortSignal?.addEventListener("abort", () => reject(new Error("The operation was aborted")));
        }),
    };
    const llm = aiSdkProvider({ languageModels: { slow: model }, timeoutMs: 50, maxRetries: 1, timing: fakeTiming().timing });
    await expect(llm.chat({ model: "slow", messages: [] })).rejects.toMatchObject({ code: "llm_timeout", message: "ai-sdk:slow got no complete answer within 50 ms (raise timeoutMs if the model is slow)" });
    expect(calls).toBe(2);
  });
});
