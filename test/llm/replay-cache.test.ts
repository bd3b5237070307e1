import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openAICompatible } from "../../src/llm/openai-compatible/openai-compatible.js";
import { ReplayCache } from "../../src/llm/replay-cache.js";
import type { LlmEvent } from "../../src/llm/spec.js";
import { fakeTiming } from "./fake-timing.js";
import { chatCompletion, ScriptedServer } from "./scripted-server.js";
import { fileTmpDir } from "../helpers/cli.js";

const KEY_ENV = "KNOBS_TEST_REPLAY_KEY";
const KEY = "sk-test-SECRET123";
const dir = fileTmpDir("knobs-llm-replay-");
let fileNumber = 0;

let server: ScriptedServer;
let events: LlmEvent[];
const caches: ReplayCache[] = [];

beforeEach(async () => {
  server = await ScriptedServer.start();
  events = [];
  process.env[KEY_ENV] = KEY;
});

afterEach(async () => {
  await server.stop();
  for (const cache of caches.splice(0)) cache.close();
  delete process.env[KEY_ENV];
});

function openCache(path = join(dir, `cache-${fileNumber++}.db`), options = {}): ReplayCache {
  const cache = new ReplayCache(path, options);
  caches.push(cache);
  return cache;
}

function provider(cache: ReplayCache) {
  return openAICompatible({
    baseURL: server.baseURL,
    apiKeyEnv: KEY_ENV,
    cache,
    timing: fakeTiming().timing,
    defaultHeaders: { "x-org": "org-private" },
    onEvent: (event) => events.push(event),
  });
}

const usage = { prompt_tokens: 100, completion_tokens: 40, prompt_tokens_details: { cached_tokens: 20 } };
const question = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "Pick a number" }], temperature: 1 };

describe("replay cache", () => {
  it("answers a repeated call from the cache without touching the server, at no cost", async () => {
    server.script("/chat/completions", { body: chatCompletion({ content: "7", usage }) });
    const llm = provider(openCache());
    const live = await llm.chat(question);
    const replay = await llm.chat({ ...question, signal: new AbortController().signal });
    expect(server.received).toHaveLength(1);
    expect(live.cached).toBe(false);
    expect(live.cost.usd).toBeGreaterThan(0);
    expect(replay.cached).toBe(true);
    expect(replay.text).toBe("7");
    expect(replay.model).toBe(live.model);
    expect(replay.cost).toEqual({ usd: 0, priceKnown: true, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 });
    expect(replay.usage).toEqual({ inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 });
    expect(replay.cachedUsage).toEqual(live.usage);
    expect(events.map((event) => event.type)).toEqual(["cache-store", "cache-hit"]);
  });

  it("keeps rollouts apart: same request, different rollout ids, distinct samples", async () => {
    server.script("/chat/completions", { body: chatCompletion({ content: "3" }) }, { body: chatCompletion({ content: "9" }) });
    const llm = provider(openCache());
    const first = await llm.chat({ ...question, rolloutId: "trial-0/sample-0" });
    const second = await llm.chat({ ...question, rolloutId: "trial-0/sample-1" });
    expect([first.text, second.text]).toEqual(["3", "9"]);
    expect((await llm.chat({ ...question, rolloutId: "trial-0/sample-0" })).text).toBe("3");
    expect((await llm.chat({ ...question, rolloutId: "trial-0/sample-1" })).text).toBe("9");
    expect(server.received).toHaveLength(2);
    // The rollout id is a cache key part only; the server never sees it.
    expect(JSON.stringify(server.received.map((request) => request.body))).not.toContain("trial-0");
  });

  it("keys on every sampling parameter, and on nothing else", () => {
    const cache = openCache(":memory:");
    const base = cache.chatKey(question);
    for (const change of [{ temperature: 0.5 }, { topP: 0.9 }, { maxTokens: 10 }, { seed: 1 }, { stop: ["x"] }, { model: "gpt-4o" }, { rolloutId: "r" }]) {
      expect(cache.chatKey({ ...question, ...change }), JSON.stringify(change)).not.toBe(base);
    }
    expect(cache.chatKey({ ...question, tools: [{ name: "f", parameters: {} }] })).not.toBe(base);
    expect(cache.chatKey({ ...question, responseFormat: { type: "json_schema", name: "n", schema: {} } })).not.toBe(base);
    // Key order, an undefined member, a signal and the stop spelling do not change the key.
    const reordered = { temperature: 1, messages: [{ content: "Pick a number", role: "user" as const }], model: "gpt-4o-mini", seed: undefined };
    expect(cache.chatKey({ ...reordered, signal: AbortSignal.abort() })).toBe(base);
    expect(cache.chatKey({ ...question, stop: "x" })).toBe(cache.chatKey({ ...question, stop: ["x"] }));
    expect(openCache(":memory:", { namespace: "vllm" }).chatKey(question)).not.toBe(base);
  });

  it("replays a recording from another process after reopening the file", async () => {
    const path = join(dir, "persist.db");
    server.script("/embeddings", { body: { data: [{ index: 0, embedding: [0.5, 0.25] }], usage: { prompt_tokens: 3 } } });
    server.script("/chat/completions", { body: chatCompletion({ content: '{"n": 4}' }) });
    const format = { type: "json_schema" as const, name: "n", schema: { type: "object" } };
    const writer = openCache(path);
    await provider(writer).embed({ model: "text-embedding-3-small", input: ["abc"] });
    await provider(writer).chat({ ...question, responseFormat: format });
    writer.close();
    caches.pop();
    const reader = openCache(path, { mode: "replay-only" });
    const embedding = await provider(reader).embed({ model: "text-embedding-3-small", input: ["abc"] });
    expect(embedding).toMatchObject({ vectors: [[0.5, 0.25]], cached: true, cachedUsage: { inputTokens: 3 } });
    expect((await provider(reader).chat({ ...question, responseFormat: format })).object).toEqual({ n: 4 });
    expect(reader.size).toBe(2);
    expect(server.received).toHaveLength(2);
  });

  it("in replay-only mode, refuses a call it has not recorded instead of calling", async () => {
    const llm = provider(openCache(undefined, { mode: "replay-only" }));
    const error = await llm.chat(question).catch((caught) => caught);
    expect(error.code).toBe("replay_miss");
    expect(error.message).toMatch(/^the replay cache has no recorded chat call for model "gpt-4o-mini" \(key [0-9a-f]{12}\.\.\.\) and is in replay-only mode/);
    expect(server.received).toHaveLength(0);
  });

  it("answers from the cache without an API key", async () => {
    server.script("/chat/completions", { body: chatCompletion({}) });
    const llm = provider(openCache());
    await llm.chat(question);
    delete process.env[KEY_ENV];
    expect((await llm.chat(question)).cached).toBe(true);
  });

  it("stores neither the API key nor the headers", async () => {
    const path = join(dir, "secret.db");
    server.script("/chat/completions", { body: chatCompletion({ content: `echo ${KEY}` }) });
    const cache = openCache(path);
    const answer = await provider(cache).chat(question);
    expect(answer.text).toBe("echo [redacted]");
    cache.close();
    caches.pop();
    const db = new Database(path, { readonly: true });
    const rows = db.prepare("SELECT * FROM llm_replay_v1").all();
    db.close();
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain("SECRET123");
    expect(stored).not.toContain("org-private");
    expect(stored.toLowerCase()).not.toContain("bearer");
    for (const suffix of ["", "-wal"]) {
      let bytes = "";
      try {
        bytes = readFileSync(path + suffix).toString("latin1");
      } catch {
        continue;
      }
      expect(bytes).not.toContain("SECRET123");
    }
  });

  it("records an answer whose structured output is not JSON, and replays it as the same error at no cost", async () => {
    server.script("/chat/completions", { body: chatCompletion({ content: '{"n": 4', usage, finishReason: "length" }) });
    const llm = provider(openCache());
    const request = { ...question, responseFormat: { type: "json_schema" as const, name: "n", schema: { type: "object" } } };
    const live = await llm.chat(request).catch((caught) => caught);
    expect(live).toMatchObject({ part: "structured-output", response: { text: '{"n": 4', cached: false, finishReason: "length", cost: { inputTokens: 80 } } });
    const replay = await llm.chat(request).catch((caught) => caught);
    expect(replay.message).toBe(live.message);
    expect(replay.response).toMatchObject({ text: '{"n": 4', cached: true, cost: { usd: 0, inputTokens: 0 } });
    expect(server.received).toHaveLength(1);
  });

  it("does not record failed calls", async () => {
    server.script("/chat/completions", { status: 400 }, { body: chatCompletion({ content: "later" }) });
    const cache = openCache();
    const llm = provider(cache);
    await expect(llm.chat(question)).rejects.toMatchObject({ status: 400 });
    expect(cache.size).toBe(0);
    expect((await llm.chat(question)).text).toBe("later");
  });
});
