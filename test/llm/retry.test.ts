import { describe, expect, it } from "vitest";
import { LlmApiError } from "../../src/llm/errors/llm-api-error.js";
import { LlmResponseError } from "../../src/llm/errors/llm-response-error.js";
import { backoffDelay, DEFAULT_RETRY_POLICY, withRetries } from "../../src/llm/retry.js";
import { parseRetryAfter } from "../../src/llm/retry-after.js";
import { realTiming } from "../../src/llm/timing.js";
import { fakeTiming } from "./fake-timing.js";

describe("backoff", () => {
  it("draws uniformly under a window that doubles up to the cap (full jitter)", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 10].map((retry) => backoffDelay(retry, policy, () => 0.999))).toEqual([99.9, 199.8, 399.6, 799.2, 999, 999]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });
});

describe("Retry-After", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  const headers = (entries: Record<string, string>) => new Headers(entries);

  it("reads seconds, an HTTP date, and retry-after-ms first", () => {
    expect(parseRetryAfter(headers({ "retry-after": "2" }), now)).toBe(2000);
    expect(parseRetryAfter(headers({ "retry-after": "0.5" }), now)).toBe(500);
    expect(parseRetryAfter(headers({ "retry-after": "Wed, 01 Jan 2025 00:00:30 GMT" }), now)).toBe(30_000);
    expect(parseRetryAfter(headers({ "retry-after": "Tue, 31 Dec 2024 23:00:00 GMT" }), now)).toBe(0);
    expect(parseRetryAfter(headers({ "retry-after-ms": "120", "retry-after": "2" }), now)).toBe(120);
  });

  it("ignores what it cannot read", () => {
    expect(parseRetryAfter(headers({}), now)).toBeUndefined();
    expect(parseRetryAfter(headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfter(headers({ "retry-after": "-3" }), now)).toBeUndefined();
  });
});

describe("withRetries", () => {
  it("retries retryable errors only", async () => {
    const { timing, sleeps } = fakeTiming(0);
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls < 3) throw new LlmApiError({ status: 409, url: "u" });
        return "done";
      },
      DEFAULT_RETRY_POLICY,
      timing,
      undefined,
    );
    expect([result, calls, sleeps]).toEqual(["done", 3, [0, 0]]);
    calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw new LlmResponseError("structured-output", "is bad");
        },
        DEFAULT_RETRY_POLICY,
        timing,
        undefined,
      ),
    ).rejects.toThrow("the structured output (response_format json_schema) is bad");
    expect(calls).toBe(1);
  });

  it("marks 408, 409, 429 and 5xx retryable, other statuses not", () => {
    const retryable = [400, 401, 403, 404, 408, 409, 422, 429, 500, 503].filter((status) => new LlmApiError({ status, url: "u" }).isRetryable);
    expect(retryable).toEqual([408, 409, 429, 500, 503]);
  });

  it("real sleep stops when its signal aborts", async () => {
    const controller = new AbortController();
    const sleeping = realTiming().sleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ code: "aborted" });
  });
});
