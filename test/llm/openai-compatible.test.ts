import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LlmAbortedError } from "../../src/llm/errors/llm-aborted-error.js";
import { LlmApiError } from "../../src/llm/errors/llm-api-error.js";
import { LlmResponseError } from "../../src/llm/errors/llm-response-error.js";
import { LlmTimeoutError } from "../../src/llm/errors/llm-timeout-error.js";
import { MissingApiKeyError } from "../../src/llm/errors/missing-api-key-error.js";
import { openAICompatible, type OpenAICompatibleOptions } from "../../src/llm/openai-compatible/openai-compatible.js";
import type { LlmEvent } from "../../src/llm/spec.js";
import { fakeTiming } from "./fake-timing.js";
import { chatCompletion, ScriptedServer } from "./scripted-server.js";

const KEY_ENV = "KNOBS_TEST_OPENAI_KEY";
const KEY = "sk-test-SECRET123";
const hello = [{ role: "user" as const, content: "Say hi" }];

let server: ScriptedServer;
let fake: ReturnType<typeof fakeTiming>;
let events: LlmEvent[];

beforeEach(async () => {
  server = await ScriptedServer.start();
  fake = fakeTiming();
  events = [];
  process.env[KEY_ENV] = KEY;
});

afterEach(async () => {
  await server.stop();
  delete process.env[KEY_ENV];
});

function provider(options: Partial<OpenAICompatibleOptions> = {}) {
  return openAICompatible({ baseURL: server.baseURL, apiKeyEnv: KEY_ENV, timing: fake.timing, onEvent: (event) => events.push(event), ...options });
}

describe("openAICompatible chat", () => {
  it("sends the request over HTTP and returns text, normalized usage and cost", async () => {
    server.script("/chat/completions", { body: chatCompletion({ content: "hi!", usage: { prompt_tokens: 1000, completion_tokens: 200 } }) });
    const answer = await provider().chat({ model: "gpt-4o-mini", messages: hello, temperature: 0.7, topP: 0.9, maxTokens: 64, seed: 3, stop: ["\n"], rolloutId: "r1" });
    expect(answer.text).toBe("hi!");
    expect(answer.finishReason).toBe("stop");
    expect(answer.model).toBe("gpt-4o-mini-2024-07-18");
    expect(answer.cached).toBe(false);
    expect(answer.usage).toMatchObject({ inputTokens: 1000, cachedInputTokens: 0, outputTokens: 200, reasoningTokens: 0 });
    // gpt-4o-mini: $0.15 in, $0.60 out per 1M tokens; the dated snapshot is priced as its alias.
    expect(answer.cost.priceKnown).toBe(true);
    expect(answer.cost.usd).toBeCloseTo((1000 * 0.15 + 200 * 0.6) / 1e6, 12);
    const [request] = server.requests("/chat/completions");
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body).toEqual({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Say hi" }],
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 64,
      seed: 3,
      stop: ["\n"],
    });
  });

  it("prices cached input and reasoning tokens apart", async () => {
    server.script("/chat/completions", {
      body: chatCompletion({
        model: "o4-mini",
        usage: {
          prompt_tokens: 2000,
          completion_tokens: 900,
          prompt_tokens_details: { cached_tokens: 1500 },
          completion_tokens_details: { reasoning_tokens: 600 },
        },
      }),
    });
    const answer = await provider({ maxTokensField: "max_completion_tokens" }).chat({ model: "o4-mini", messages: hello, maxTokens: 1000 });
    expect(answer.usage).toMatchObject({ inputTokens: 500, cachedInputTokens: 1500, outputTokens: 300, reasoningTokens: 600 });
    expect(answer.usage.raw).toMatchObject({ prompt_tokens: 2000, completion_tokens: 900 });
    // o4-mini: $1.10 input, $0.275 cached input, $4.40 output (reasoning billed as output).
    expect(answer.cost.usd).toBeCloseTo((500 * 1.1 + 1500 * 0.275 + 900 * 4.4) / 1e6, 12);
    expect(answer.cost).toMatchObject({ inputTokens: 500, cachedInputTokens: 1500, outputTokens: 300, reasoningTokens: 600 });
    expect(server.requests("/chat/completions")[0].body.max_completion_tokens).toBe(1000);
  });

  it("reports usd null, never 0, for a model without a price", async () => {
    server.script("/chat/completions", { body: chatCompletion({ model: "meta-llama/Llama-3.1-8B-Instruct" }) });
    const answer = await provider().chat({ model: "meta-llama/Llama-3.1-8B-Instruct", messages: hello });
    expect(answer.cost.usd).toBeNull();
    expect(answer.cost.priceKnown).toBe(false);
    expect(answer.cost.inputTokens).toBe(12);
  });

  it("reports usd null when the server sends no usage", async () => {
    server.script("/chat/completions", { body: chatCompletion({ model: "gpt-4o-mini", usage: null }) });
    const answer = await provider().chat({ model: "gpt-4o-mini", messages: hello });
    expect(answer.cost.usd).toBeNull();
    expect(answer.usage).toEqual({ inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 });
  });

  it("sends tools and parses the tool calls' JSON arguments", async () => {
    server.script("/chat/completions", {
      body: chatCompletion({ content: null, toolCalls: [{ id: "call_1", name: "search", arguments: '{"query":"knobs","k":3}' }] }),
    });
    const tools = [{ name: "search", description: "Search the corpus", parameters: { type: "object", properties: { query: { type: "string" } } } }];
    const answer = await provider().chat({
      model: "gpt-4o-mini",
      tools,
      messages: [
        ...hello,
        { role: "assistant", content: "", toolCalls: [{ id: "call_0", name: "search", arguments: { query: "a" } }] },
        { role: "tool", content: "[]", toolCallId: "call_0" },
      ],
    });
    expect(answer.text).toBe("");
    expect(answer.finishReason).toBe("tool-calls");
    expect(answer.toolCalls).toEqual([{ id: "call_1", name: "search", arguments: { query: "knobs", k: 3 } }]);
    const body = server.requests("/chat/completions")[0].body;
    expect(body.tools).toEqual([{ type: "function", function: tools[0] }]);
    expect(body.messages[1]).toEqual({
      role: "assistant",
      content: null,
      tool_calls: [{ id: "call_0", type: "function", function: { name: "search", arguments: '{"query":"a"}' } }],
    });
    expect(body.messages[2]).toEqual({ role: "tool", tool_call_id: "call_0", content: "[]" });
  });

  it("rejects malformed tool-call arguments with a clear error", async () => {
    server.script("/chat/completions", { body: chatCompletion({ content: null, toolCalls: [{ id: "call_9", name: "search", arguments: '{"query": "kno' }] }) });
    const error = await provider().chat({ model: "gpt-4o-mini", messages: hello }).catch((caught) => caught);
    expect(error).toBeInstanceOf(LlmResponseError);
    expect(error.code).toBe("llm_bad_response");
    expect(error.part).toBe("tool-arguments");
    expect(error.isRetryable).toBe(false);
    expect(error.message).toMatch(/^the arguments of a tool call of call call_9 to "search" are not valid JSON \(.+\) \(received: "\{\\"query\\": \\"kno"\)$/);
    expect(server.requests("/chat/completions")).toHaveLength(1);
  });

  it("sends response_format json_schema and parses the JSON answer", async () => {
    server.script("/chat/completions", { body: chatCompletion({ content: '{"answer": "Paris", "confidence": 0.9}' }) });
    const schema = { type: "object", properties: { answer: { type: "string" }, confidence: { type: "number" } }, required: ["answer"] };
    const answer = await provider().chat({ model: "gpt-4o-mini", messages: hello, responseFormat: { type: "json_schema", name: "answer", schema, strict: true } });
    expect(answer.object).toEqual({ answer: "Paris", confidence: 0.9 });
    expect(server.requests("/chat/completions")[0].body.response_format).toEqual({ type: "json_schema", json_schema: { name: "answer", schema, strict: true } });
  });

  it("rejects structured output that is not JSON, and a refusal", async () => {
    server.script(
      "/chat/completions",
      { body: chatCompletion({ content: "The answer is Paris." }) },
      { body: chatCompletion({ content: null, refusal: "I can't help with that." }) },
    );
    const llm = provider();
    const request = { model: "gpt-4o-mini", messages: hello, responseFormat: { type: "json_schema" as const, name: "a", schema: {} } };
    const notJson = await llm.chat(request).catch((caught) => caught);
    expect(notJson).toBeInstanceOf(LlmResponseError);
    expect(notJson.part).toBe("structured-output");
    expect(notJson.message).toMatch(/^the structured output \(response_format json_schema\) is not valid JSON .*\(received: "The answer is Paris\."\)$/);
    const refused = await llm.chat(request).catch((caught) => caught);
    expect(refused.message).toBe('the structured output (response_format json_schema) is missing: the model refused (received: "I can\'t help with that.")');
  });

  it("rejects a 200 answer whose body is not JSON, or has no message, after retrying it like a 5xx", async () => {
    server.script("/chat/completions", { body: "<html>Bad gateway</html>" }, { body: "<html>Bad gateway</html>" }, { body: { choices: [] } }, { body: { choices: [] } });
    const llm = provider({ maxRetries: 1 });
    const notJson = await llm.chat({ model: "gpt-4o-mini", messages: hello }).catch((caught) => caught);
    expect(notJson).toBeInstanceOf(LlmResponseError);
    expect(notJson.isRetryable).toBe(true);
    expect(notJson.message).toBe(`the response body of POST ${server.baseURL}/chat/completions is not JSON (received: "<html>Bad gateway</html>")`);
    const noMessage = await llm.chat({ model: "gpt-4o-mini", messages: hello }).catch((caught) => caught);
    expect(noMessage.message).toBe('the response body has no choices[0].message (received: "{\\"choices\\":[]}")');
    expect(server.requests("/chat/completions")).toHaveLength(4);
    expect(events.filter((event) => event.type === "retry").map((event) => event.type === "retry" && event.code)).toEqual(["llm_bad_response", "llm_bad_response"]);
  });
});

describe("openAICompatible retries", () => {
  it("waits the Retry-After seconds of a 429, then succeeds", async () => {
    server.script(
      "/chat/completions",
      { status: 429, headers: { "retry-after": "7" }, body: { error: { message: "Rate limit reached" } } },
      { body: chatCompletion({}) },
    );
    const answer = await provider().chat({ model: "gpt-4o-mini", messages: hello });
    expect(answer.text).toBe("ok");
    expect(fake.sleeps).toEqual([7000]);
    expect(events).toEqual([{ type: "retry", attempt: 1, delayMs: 7000, code: "llm_api_error", status: 429 }]);
    expect(server.requests("/chat/completions")).toHaveLength(2);
  });

  it("reads Retry-After as an HTTP date and retry-after-ms", async () => {
    const at = new Date(fake.timing.now() + 12_000).toUTCString();
    server.script(
      "/chat/completions",
      { status: 503, headers: { "retry-after": at } },
      { status: 429, headers: { "retry-after-ms": "250", "retry-after": "9" } },
      { body: chatCompletion({}) },
    );
    await provider().chat({ model: "gpt-4o-mini", messages: hello });
    expect(fake.sleeps).toEqual([12_000, 250]);
  });

  it("retries a 500 after a full-jitter backoff, then succeeds", async () => {
    fake = fakeTiming(0.25);
    server.script("/chat/completions", { status: 500, body: { error: { message: "boom" } } }, { status: 502 }, { body: chatCompletion({ content: "fine" }) });
    const answer = await provider({ retry: { baseDelayMs: 1000 } }).chat({ model: "gpt-4o-mini", messages: hello });
    expect(answer.text).toBe("fine");
    // Windows of 1000 then 2000 ms, times the injected random 0.25.
    expect(fake.sleeps).toEqual([250, 500]);
  });

  it("gives up after maxRetries with the last error", async () => {
    server.script("/chat/completions", { status: 500 }, { status: 500 }, { status: 503, body: { error: { message: "overloaded" } } });
    const error = await provider({ maxRetries: 2 }).chat({ model: "gpt-4o-mini", messages: hello }).catch((caught) => caught);
    expect(error).toBeInstanceOf(LlmApiError);
    expect(error.status).toBe(503);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toBe(`POST ${server.baseURL}/chat/completions failed with HTTP 503: overloaded`);
    expect(server.requests("/chat/completions")).toHaveLength(3);
  });

  it("does not retry a 400, nor wait a Retry-After beyond the cap", async () => {
    server.script(
      "/chat/completions",
      { status: 400, body: { error: { message: "Invalid 'messages'" } } },
      { status: 429, headers: { "retry-after": "3600" } },
    );
    const llm = provider();
    const bad = await llm.chat({ model: "gpt-4o-mini", messages: hello }).catch((caught) => caught);
    expect(bad.isRetryable).toBe(false);
    expect(bad.message).toBe(`POST ${server.baseURL}/chat/completions failed with HTTP 400: Invalid 'messages'`);
    const tooLong = await llm.chat({ model: "gpt-4o-mini", messages: hello }).catch((caught) => caught);
    expect(tooLong.status).toBe(429);
    expect(tooLong.retryAfterMs).toBe(3_600_000);
    expect(fake.sleeps).toEqual([]);
    expect(server.requests("/chat/completions")).toHaveLength(2);
  });

  it("times out an attempt that gets no answer, and retries it", async () => {
    server.script("/chat/completions", { hang: true }, { hang: true });
    const error = await provider({ timeoutMs: 150, maxRetries: 1 }).chat({ model: "gpt-4o-mini", messages: hello }).catch((caught) => caught);
    expect(error).toBeInstanceOf(LlmTimeoutError);
    expect(error.code).toBe("llm_timeout");
    expect(error.message).toBe(`POST ${server.baseURL}/chat/completions got no complete answer within 150 ms (raise timeoutMs if the model is slow)`);
    expect(server.requests("/chat/completions")).toHaveLength(2);
  });

  it("retries a refused connection as a network error", async () => {
    const closed = await ScriptedServer.start();
    const baseURL = closed.baseURL;
    await closed.stop();
    const error = await provider({ baseURL, maxRetries: 1 }).chat({ model: "gpt-4o-mini", messages: hello }).catch((caught) => caught);
    expect(error.code).toBe("llm_network_error");
    expect(error.message).toMatch(/failed before any HTTP answer: ECONNREFUSED/);
    expect(events.map((event) => event.type)).toEqual(["retry"]);
  });
});

describe("openAICompatible cancellation", () => {
  it("stops at once when the caller aborts during a request, without retrying", async () => {
    server.script("/chat/completions", { hang: true }, { body: chatCompletion({}) });
    const controller = new AbortController();
    const pending = provider().chat({ model: "gpt-4o-mini", messages: hello, signal: controller.signal }).catch((caught) => caught);
    while (server.requests("/chat/completions").length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(LlmAbortedError);
    expect(error.code).toBe("aborted");
    expect(error.isRetryable).toBe(false);
    expect(server.requests("/chat/completions")).toHaveLength(1);
  });

  it("stops when the caller aborts during a backoff wait", async () => {
    server.script("/chat/completions", { status: 500 }, { body: chatCompletion({}) });
    const controller = new AbortController();
    const sleep = async (_ms: number, signal?: AbortSignal) => {
      controller.abort();
      if (signal?.aborted) throw new LlmAbortedError(signal.reason);
    };
    const error = await provider({ timing: { ...fake.timing, sleep } })
      .chat({ model: "gpt-4o-mini", messages: hello, signal: controller.signal })
      .catch((caught) => caught);
    expect(error.code).toBe("aborted");
    expect(server.requests("/chat/completions")).toHaveLength(1);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const error = await provider().chat({ model: "gpt-4o-mini", messages: hello, signal: AbortSignal.abort() }).catch((caught) => caught);
    expect(error.code).toBe("aborted");
    expect(server.received).toHaveLength(0);
  });
});

describe("openAICompatible API key", () => {
  it("reads the key at call time and names the variable when it is missing", async () => {
    const llm = provider();
    delete process.env[KEY_ENV];
    const error = await llm.chat({ model: "gpt-4o-mini", messages: hello }).catch((caught) => caught);
    expect(error).toBeInstanceOf(MissingApiKeyError);
    expect(error.code).toBe("missing_api_key");
    expect(error.message).toContain(KEY_ENV);
    expect(server.received).toHaveLength(0);
    process.env[KEY_ENV] = "sk-later";
    server.script("/chat/completions", { body: chatCompletion({}) });
    await llm.chat({ model: "gpt-4o-mini", messages: hello });
    expect(server.received[0].headers.authorization).toBe("Bearer sk-later");
  });

  it("sends no key with apiKeyEnv null, and adds the default headers", async () => {
    server.script("/chat/completions", { body: chatCompletion({}) });
    await provider({ apiKeyEnv: null, defaultHeaders: { "x-team": "knobs" } }).chat({ model: "llama3.1:8b", messages: hello });
    expect(server.received[0].headers.authorization).toBeUndefined();
    expect(server.received[0].headers["x-team"]).toBe("knobs");
  });

  it("never puts the key in an error message, error field or event, even when the server echoes it", async () => {
    const echo = `Incorrect API key provided: ${KEY}`;
    server.script(
      "/chat/completions",
      { status: 401, body: { error: { message: echo } } },
      { status: 500, body: { error: { message: echo } } },
      { status: 500, body: `raw ${KEY}` },
      { body: `not json ${KEY}` },
      { body: chatCompletion({ content: null, toolCalls: [{ id: "c", name: "f", arguments: `{${KEY}` }] }) },
      { status: 503, body: { error: { message: echo } } },
      { body: chatCompletion({}) },
    );
    const errors = [];
    const llm = provider({ maxRetries: 0 });
    for (let i = 0; i < 5; i++) errors.push(await llm.chat({ model: "gpt-4o-mini", messages: hello }).catch((caught) => caught));
    expect(errors.map((error) => error.code)).toEqual(["llm_api_error", "llm_api_error", "llm_api_error", "llm_bad_response", "llm_bad_response"]);
    await provider({ maxRetries: 1 }).chat({ model: "gpt-4o-mini", messages: hello });
    expect(events.map((event) => event.type)).toEqual(["retry"]);
    expect(errors[0].message).toContain("Incorrect API key provided: [redacted]");
    for (const error of errors) {
      const everything = JSON.stringify({ message: error.message, stack: error.stack, fields: { ...error }, json: error.toJSON() });
      expect(everything).not.toContain("SECRET123");
    }
    expect(JSON.stringify(events)).not.toContain("SECRET123");
    expect(server.received.every((request) => request.headers.authorization === `Bearer ${KEY}`)).toBe(true);
  });
});

describe("openAICompatible embeddings", () => {
  it("returns vectors in input order with usage and cost", async () => {
    server.script("/embeddings", {
      body: {
        object: "list",
        model: "text-embedding-3-small",
        data: [
          { object: "embedding", index: 1, embedding: [0, 1] },
          { object: "embedding", index: 0, embedding: [1, 0] },
        ],
        usage: { prompt_tokens: 8, total_tokens: 8 },
      },
    });
    const answer = await provider().embed({ model: "text-embedding-3-small", input: ["a", "b"] });
    expect(answer.vectors).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(answer.usage).toMatchObject({ inputTokens: 8, outputTokens: 0 });
    expect(answer.cost.usd).toBeCloseTo((8 * 0.02) / 1e6, 15);
    expect(server.requests("/embeddings")[0].body).toEqual({ model: "text-embedding-3-small", input: ["a", "b"] });
  });

  it("rejects a vector count that does not match the inputs", async () => {
    server.script("/embeddings", { body: { data: [{ index: 0, embedding: [1] }] } });
    const error = await provider().embed({ model: "text-embedding-3-small", input: ["a", "b"] }).catch((caught) => caught);
    expect(error.message).toBe("the embeddings response has 1 vectors for 2 inputs");
  });
});

describe("openAICompatible rate limit", () => {
  it("holds the third request of a 2-per-minute limit for the rest of the minute", async () => {
    server.script("/chat/completions", { body: chatCompletion({}) }, { body: chatCompletion({}) }, { body: chatCompletion({}) });
    const llm = provider({ rateLimit: { requestsPerMinute: 2 } });
    for (let i = 0; i < 3; i++) await llm.chat({ model: "gpt-4o-mini", messages: hello });
    expect(fake.sleeps).toEqual([60_000]);
    expect(events).toEqual([{ type: "rate-limit-wait", waitMs: 60_000 }]);
  });
});
