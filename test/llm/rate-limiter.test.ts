import { describe, expect, it } from "vitest";
import { estimateChatTokens, RateLimiter } from "../../src/llm/rate-limiter.js";
import { fakeTiming } from "./fake-timing.js";

describe("rate limiter", () => {
  it("estimates maxTokens (or 1024) plus the prompt's characters / 4", () => {
    const messages = [{ role: "user" as const, content: "x".repeat(400) }];
    expect(estimateChatTokens({ model: "m", messages, maxTokens: 50 })).toBe(150);
    expect(estimateChatTokens({ model: "m", messages })).toBe(1124);
  });

  it("holds a request until enough tokens leave the one-minute window", async () => {
    const { timing, sleeps, advance } = fakeTiming();
    const limiter = new RateLimiter({ tokensPerMinute: 1000 }, timing);
    await limiter.acquire(600);
    advance(10_000);
    await limiter.acquire(300);
    advance(5_000);
    await limiter.acquire(500); // fits only once the first (600) leaves: 45 s from now
    expect(sleeps).toEqual([45_000]);
  });

  it("counts the real usage once settled instead of the estimate", async () => {
    const { timing, sleeps } = fakeTiming();
    const limiter = new RateLimiter({ tokensPerMinute: 1000 }, timing);
    const slot = await limiter.acquire(900);
    slot.settle(100);
    await limiter.acquire(800);
    expect(sleeps).toEqual([]);
  });

  it("lets a request larger than the limit go alone once the window is empty", async () => {
    const { timing, sleeps, advance } = fakeTiming();
    const limiter = new RateLimiter({ tokensPerMinute: 1000 }, timing);
    await limiter.acquire(10);
    advance(1000);
    await limiter.acquire(5000);
    expect(sleeps).toEqual([59_000]);
  });

  it("serves concurrent callers in arrival order under a request limit", async () => {
    const { timing, sleeps } = fakeTiming();
    const limiter = new RateLimiter({ requestsPerMinute: 2 }, timing);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => limiter.acquire(1).then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(sleeps).toEqual([60_000, 60_000]);
  });

  it("refuses a limit that is not a positive number", () => {
    expect(() => new RateLimiter({ requestsPerMinute: 0 }, fakeTiming().timing)).toThrow("rateLimit.requestsPerMinute must be a positive number, but got 0");
  });
});
