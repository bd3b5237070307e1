import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { askJson } from "../../../src/agents/core/index.js";
import {
  llamaCpp,
  LlmAbortedError,
  LlmTimeoutError,
  LocalModelMissingError,
  LocalRuntimeMissingError,
  ReplayCache,
  UnsupportedResponseFormatError,
  type LocalProvider,
} from "../../../src/llm/index.js";
import { loadNodeLlamaCpp } from "../../../src/llm/local/llama-runtime.js";
import { describeWithLocalModel, TEST_MODEL } from "./local-runtime.js";

const describeLocal = await describeWithLocalModel();
const MODULE = "node-llama-cpp";

describeLocal("llamaCpp: a GGUF model run in process", () => {
  let llm: LocalProvider;
  const dir = mkdtempSync(join(tmpdir(), "knobs-llama-"));
  beforeAll(() => {
    llm = llamaCpp({ modelPath: TEST_MODEL, threads: 1, contextSize: 512 });
  });
  afterAll(async () => {
    await llm.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("generates text and counts the tokens it read and wrote, at no dollar cost", async () => {
    const answer = await llm.chat({ model: "local", messages: [{ role: "user", content: "Once upon a time" }], maxTokens: 12, temperature: 0, seed: 1 });
    expect(answer.text.length).toBeGreaterThan(0);
    expect(answer.usage.inputTokens).toBeGreaterThan(0);
    expect(answer.usage.outputTokens).toBeGreaterThan(0);
    expect(answer.usage.outputTokens).toBeLessThanOrEqual(12);
    expect(answer.cost).toMatchObject({ usd: 0, priceKnown: true, outputTokens: answer.usage.outputTokens });
    expect(answer.finishReason).toBe("length");
    expect(answer.cached).toBe(false);
  });

  it("answers the same seeded request the same way (each call starts from an empty state)", async () => {
    const request = { model: "local", messages: [{ role: "user" as const, content: "The cat" }], maxTokens: 10, temperature: 0.8, seed: 7 };
    const first = await llm.chat(request);
    await llm.chat({ ...request, messages: [{ role: "user", content: "Something else entirely" }] });
    const again = await llm.chat(request);
    expect(again.text).toBe(first.text);
    expect(again.usage).toEqual(first.usage);
  });

  it("constrains the reply to a JSON schema with a grammar: every reply parses and fits", async () => {
    const schema = { type: "object", properties: { label: { enum: ["positive", "negative", "neutral"] }, score: { type: "integer" } }, required: ["label", "score"], additionalProperties: false };
    for (let seed = 0; seed < 5; seed++) {
      const answer = await llm.chat({
        model: "local",
        messages: [{ role: "user", content: "Label the story." }],
        responseFormat: { type: "json_schema", name: "label", schema },
        maxTokens: 60,
        temperature: 0.9,
        seed,
      });
      const parsed = z.object({ label: z.enum(["positive", "negative", "neutral"]), score: z.int() }).strict().parse(answer.object);
      expect(JSON.parse(answer.text)).toEqual(parsed);
    }
  });

  it("runs askJson with the schema as a grammar (mode schema, one attempt)", async () => {
    const answer = await askJson({
      agent: "test",
      llm: { provider: llm, model: "local", temperature: 0.5 },
      messages: [{ role: "user", content: "Reply with a colour." }],
      schema: z.object({ colour: z.enum(["red", "green", "blue"]) }),
      maxTokens: 40,
    });
    expect(["red", "green", "blue"]).toContain(answer.value.colour);
    expect(answer.attempts).toBe(1);
    expect(answer.mode).not.toBe("prompt");
    expect(answer.cost.output_tokens).toBeGreaterThan(0);
  });

  it("stops a call at its time limit and on the caller's abort", async () => {
    const slow = llamaCpp({ modelPath: TEST_MODEL, threads: 1, contextSize: 512, timeoutMs: 1, maxRetries: 0 });
    try {
      await expect(slow.chat({ model: "local", messages: [{ role: "user", content: "Tell a long story" }], maxTokens: 400 })).rejects.toBeInstanceOf(LlmTimeoutError);
    } finally {
      await slow.dispose();
    }
    const controller = new AbortController();
    const call = llm.chat({ model: "local", messages: [{ role: "user", content: "Tell a long story" }], maxTokens: 400, signal: controller.signal });
    controller.abort(new Error("user stop"));
    await expect(call).rejects.toBeInstanceOf(LlmAbortedError);
  });

  it("replays a recorded call from the cache without running the model", async () => {
    const cache = new ReplayCache(join(dir, "calls.db"));
    const cached = llamaCpp({ modelPath: TEST_MODEL, threads: 1, contextSize: 512, cache });
    try {
      const request = { model: "local", messages: [{ role: "user" as const, content: "A dog" }], maxTokens: 8, temperature: 0, seed: 3 };
      const first = await cached.chat(request);
      const second = await cached.chat(request);
      expect(second.cached).toBe(true);
      expect(second.text).toBe(first.text);
      expect(second.usage.outputTokens).toBe(0);
    } finally {
      await cached.dispose();
      cache.close();
    }
  });

  it("embeds each input as one vector of the model's width", async () => {
    const { vectors, usage } = await llm.embed({ model: "local", input: ["a cat", "a dog sat"] });
    expect(vectors).toHaveLength(2);
    expect(vectors[0]!.length).toBeGreaterThan(0);
    expect(vectors[1]).toHaveLength(vectors[0]!.length);
    expect(usage.inputTokens).toBeGreaterThan(0);
  });

  it("turns a schema the runtime cannot compile into UnsupportedResponseFormatError, and askJson falls back to the prompt", async () => {
    const real = (await import(MODULE)) as Record<string, unknown>;
    const refusing = llamaCpp({
      modelPath: TEST_MODEL,
      threads: 1,
      contextSize: 512,
      runtime: async () =>
        ({
          ...real,
          getLlama: async (options: unknown) => {
            const llama = await (real.getLlama as (o: unknown) => Promise<Record<string, unknown>>)(options);
            return Object.assign(Object.create(Object.getPrototypeOf(llama)), llama, {
              loadModel: (o: unknown) => (llama.loadModel as (o: unknown) => Promise<unknown>).call(llama, o),
              dispose: () => (llama.dispose as () => Promise<void>).call(llama),
              createGrammarForJsonSchema: async () => {
                throw new Error("unsupported keyword");
              },
            });
          },
        }) as never,
    });
    try {
      await expect(
        refusing.chat({ model: "local", messages: [{ role: "user", content: "x" }], responseFormat: { type: "json_schema", name: "x", schema: { type: "object" } }, maxTokens: 4 }),
      ).rejects.toBeInstanceOf(UnsupportedResponseFormatError);
      const answer = await askJson({
        agent: "test",
        llm: { provider: refusing, model: "local", temperature: 0 },
        messages: [{ role: "user", content: "Reply with JSON." }],
        schema: z.unknown(),
        maxTokens: 8,
        attempts: 1,
      }).catch((error: unknown) => error);
      // The fallback asks without response_format: the tiny model then writes prose, not JSON.
      expect(String((answer as Error).message ?? "")).toMatch(/usable answer|JSON/);
    } finally {
      await refusing.dispose();
    }
  });
});

describe("llamaCpp: errors before any model runs", () => {
  it("defaults the thread count to the machine's cores and rejects a bad one", () => {
    expect(llamaCpp({ modelPath: TEST_MODEL }).threads).toBe(availableParallelism());
    expect(() => llamaCpp({ modelPath: TEST_MODEL, threads: 0 })).toThrow(/threads must be an integer >= 1/);
  });

  it("names a missing model file", async () => {
    const llm = llamaCpp({ modelPath: "/nonexistent/model.gguf" });
    await expect(llm.chat({ model: "local", messages: [{ role: "user", content: "hi" }] })).rejects.toThrow(LocalModelMissingError);
    await expect(llm.chat({ model: "local", messages: [{ role: "user", content: "hi" }] })).rejects.toThrow(/\/nonexistent\/model\.gguf: no such file/);
  });

  it("says how to install node-llama-cpp when it is missing", async () => {
    const error = await loadNodeLlamaCpp("knobs-test-no-such-module").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LocalRuntimeMissingError);
    expect((error as Error).message).toMatch(/npm install -E node-llama-cpp@3\.21\.1/);
    const llm = llamaCpp({ modelPath: TEST_MODEL, runtime: () => loadNodeLlamaCpp("knobs-test-no-such-module") });
    await expect(llm.chat({ model: "local", messages: [{ role: "user", content: "hi" }] })).rejects.toBeInstanceOf(LocalRuntimeMissingError);
  });

  it("rejects tool calls and conversations that do not end with the user", async () => {
    const llm = llamaCpp({ modelPath: TEST_MODEL });
    await expect(llm.chat({ model: "local", messages: [{ role: "user", content: "hi" }], tools: [{ name: "f", parameters: {} }] })).rejects.toThrow(/does not call tools/);
    await expect(llm.chat({ model: "local", messages: [{ role: "assistant", content: "hi" }] })).rejects.toThrow(/ends with a user message/);
  });
});
