import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { askJson } from "../../src/agents/core/index.js";
import { aiSdkProvider } from "../../src/llm/ai-sdk/ai-sdk-provider.js";
import { chatCompletion, ScriptedServer } from "./scripted-server.js";

/**
 * The adapter with a real AI SDK model (@ai-sdk/openai-compatible, specification v3 as ai@6
 * uses), talking HTTP to the scripted server: what a user who already has AI SDK models gets.
 */
describe("aiSdkProvider with a real @ai-sdk/openai-compatible model", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await ScriptedServer.start();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("sends the conversation over HTTP and reads text, normalized usage and the priced cost", async () => {
    server.script("/chat/completions", {
      body: chatCompletion({
        content: "Paris.",
        usage: { prompt_tokens: 1000, completion_tokens: 10, total_tokens: 1010, prompt_tokens_details: { cached_tokens: 400 } },
      }),
    });
    const local = createOpenAICompatible({ name: "local", baseURL: server.baseURL });
    const llm = aiSdkProvider({ languageModels: { "gpt-4o-mini": local.chatModel("gpt-4o-mini") } });
    const answer = await llm.chat({ model: "gpt-4o-mini", messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Capital of France?" }], temperature: 0 });
    expect(answer.text).toBe("Paris.");
    expect(answer.usage).toMatchObject({ inputTokens: 600, cachedInputTokens: 400, outputTokens: 10 });
    expect(answer.cost.priceKnown).toBe(true);
    expect(answer.cost.usd).toBeGreaterThan(0);
    const sent = server.requests("/chat/completions").at(-1)!.body;
    expect(sent.model).toBe("gpt-4o-mini");
    expect(sent.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Capital of France?" },
    ]);
  });

  it("retries a 429 with Retry-After through the SDK model", async () => {
    server.script(
      "/chat/completions",
      { status: 429, headers: { "retry-after": "0" }, body: { error: { message: "slow down" } } },
      { body: chatCompletion({ content: "ok" }) },
    );
    const local = createOpenAICompatible({ name: "local", baseURL: server.baseURL });
    const llm = aiSdkProvider({ languageModels: { m: local.chatModel("m") }, maxRetries: 2, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const before = server.requests("/chat/completions").length;
    expect((await llm.chat({ model: "m", messages: [{ role: "user", content: "hi" }] })).text).toBe("ok");
    expect(server.requests("/chat/completions").length - before).toBeGreaterThanOrEqual(2);
  });

  describe("askJson through the adapter", () => {
    const schema = z.object({ x: z.number(), why: z.string() });
    const ask = (llm: ReturnType<typeof aiSdkProvider>) =>
      askJson({ agent: "test", llm: { provider: llm, model: "m", temperature: 0 }, messages: [{ role: "user", content: "pick x" }], schema });

    it("sends the schema through the SDK's responseFormat, which the model puts on the wire as json_schema", async () => {
      server.script("/chat/completions", { body: chatCompletion({ content: '{"x": 1, "why": "w"}' }) });
      const local = createOpenAICompatible({ name: "local", baseURL: server.baseURL, supportsStructuredOutputs: true });
      const answer = await ask(aiSdkProvider({ languageModels: { m: local.chatModel("m") } }));
      expect(answer.value).toEqual({ x: 1, why: "w" });
      expect(server.requests("/chat/completions").at(-1)!.body.response_format).toEqual({
        type: "json_schema",
        json_schema: {
          name: "test_reply",
          strict: true,
          schema: { type: "object", properties: { x: { type: "number" }, why: { type: "string" } }, required: ["x", "why"], additionalProperties: false },
        },
      });
    });

    it("falls back to asking in the prompt when the server rejects the response format", async () => {
      const rejected = { status: 400, body: { error: { message: "response_format json_schema is not supported" } } };
      server.script("/chat/completions", rejected, rejected, { body: chatCompletion({ content: '{"x": 2, "why": "w"}' }) });
      const local = createOpenAICompatible({ name: "local", baseURL: server.baseURL, supportsStructuredOutputs: true });
      const before = server.requests("/chat/completions").length;
      const answer = await ask(aiSdkProvider({ languageModels: { m: local.chatModel("m") }, maxRetries: 0 }));
      expect(answer).toMatchObject({ value: { x: 2, why: "w" }, mode: "prompt" });
      const sent = server.requests("/chat/completions").slice(before).map((request) => request.body.response_format?.json_schema.strict ?? "none");
      expect(sent).toEqual([true, false, "none"]);
    });
  });
});
