import { describe, expect, it } from "vitest";
import { addCosts, freeCost, priceUsage, toLedgerCost } from "../../src/llm/cost.js";
import { metered } from "../../src/llm/metered-provider.js";
import { extendPrices, findPrice, OPENAI_PRICES } from "../../src/llm/prices.js";

describe("price table", () => {
  it("is versioned by date and names its source", () => {
    expect(OPENAI_PRICES.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(OPENAI_PRICES.source).toMatch(/^https:\/\//);
    for (const [model, price] of Object.entries(OPENAI_PRICES.models)) {
      expect(price.cachedInput, model).toBeLessThanOrEqual(price.input);
      expect(Math.min(price.input, price.cachedInput, price.output), model).toBeGreaterThanOrEqual(0);
    }
  });

  it("prices dated snapshots as their alias, and nothing else by prefix", () => {
    expect(findPrice(OPENAI_PRICES, "gpt-4o-2024-08-06")).toBe(OPENAI_PRICES.models["gpt-4o"]);
    expect(findPrice(OPENAI_PRICES, "gpt-4o-mini-2024-07-18")).toBe(OPENAI_PRICES.models["gpt-4o-mini"]);
    expect(findPrice(OPENAI_PRICES, "gpt-3.5-turbo-0125")).toBe(OPENAI_PRICES.models["gpt-3.5-turbo"]);
    expect(findPrice(OPENAI_PRICES, "gpt-4o-audio-preview")).toBeUndefined();
    expect(findPrice(OPENAI_PRICES, "llama3.1:8b")).toBeUndefined();
  });

  it("can be extended, e.g. to price a local model at zero", () => {
    const table = extendPrices(OPENAI_PRICES, { "llama3.1:8b": { input: 0, cachedInput: 0, output: 0 } }, "2025-08-07+local");
    expect(table.version).toBe("2025-08-07+local");
    expect(priceUsage({ inputTokens: 10, cachedInputTokens: 0, outputTokens: 10, reasoningTokens: 0 }, findPrice(table, "llama3.1:8b")).usd).toBe(0);
    expect(OPENAI_PRICES.models["llama3.1:8b"]).toBeUndefined();
  });
});

describe("cost", () => {
  const usage = { inputTokens: 1_000_000, cachedInputTokens: 2_000_000, outputTokens: 300_000, reasoningTokens: 700_000 };

  it("bills uncached input, cached input and output (reasoning included) at their rates", () => {
    const cost = priceUsage(usage, { input: 2, cachedInput: 0.5, output: 8 });
    expect(cost.usd).toBeCloseTo(2 + 1 + 8, 12);
    expect(cost).toMatchObject({ priceKnown: true, inputTokens: 1_000_000, cachedInputTokens: 2_000_000, outputTokens: 300_000, reasoningTokens: 700_000 });
  });

  it("is null, not 0, without a price; and stays null when summed", () => {
    const unknown = priceUsage(usage, undefined);
    expect(unknown.usd).toBeNull();
    expect(unknown.priceKnown).toBe(false);
    const known = priceUsage(usage, { input: 1, cachedInput: 1, output: 1 });
    expect(addCosts(known, unknown).usd).toBeNull();
    expect(addCosts(known, known).usd).toBeCloseTo(8, 12);
  });

  it("maps to the ledger's cost names, leaving usd out when unknown", () => {
    const known = toLedgerCost(priceUsage(usage, { input: 1, cachedInput: 1, output: 1 }));
    expect(known).toEqual({ usd: 4, input_tokens: 1_000_000, cached_input_tokens: 2_000_000, output_tokens: 300_000, reasoning_tokens: 700_000 });
    expect("usd" in toLedgerCost(priceUsage(usage, undefined))).toBe(false);
  });
});

describe("metered", () => {
  it("adds up the spend of its calls, and counts cache hits", async () => {
    const usage = { inputTokens: 10, cachedInputTokens: 0, outputTokens: 10, reasoningTokens: 0 };
    const answer = { text: "", toolCalls: [], usage, model: "m", finishReason: "stop" as const };
    const responses = [
      { ...answer, cost: priceUsage(usage, { input: 1, cachedInput: 1, output: 1 }), cached: false },
      { ...answer, cost: freeCost(), cached: true },
    ];
    const llm = metered({
      name: "stub",
      chat: async () => responses.shift()!,
      embed: async () => {
        throw new Error("unused");
      },
    });
    await llm.chat({ model: "m", messages: [] });
    await llm.chat({ model: "m", messages: [] });
    expect([llm.calls, llm.cachedCalls]).toEqual([2, 1]);
    expect(llm.spent.usd).toBeCloseTo(20 / 1e6, 15);
    expect(llm.ledgerCost()).toMatchObject({ input_tokens: 10, output_tokens: 10 });
  });
});
