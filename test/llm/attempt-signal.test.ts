import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { attemptSignal } from "../../src/llm/attempt-signal.js";

describe("attemptSignal", () => {
  it("follows the caller's abort, and says it was not a timeout", () => {
    const caller = new AbortController();
    const attempt = attemptSignal(caller.signal, 60_000);
    caller.abort("stop");
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toBe("stop");
    expect(attempt.timedOut).toBe(false);
    attempt.dispose();
  });

  it("fires on its time limit", async () => {
    const attempt = attemptSignal(undefined, 5);
    await new Promise((resolve) => attempt.signal.addEventListener("abort", resolve));
    expect(attempt.timedOut).toBe(true);
  });

  it("leaves no listener on a long-lived caller signal once disposed", () => {
    const caller = new AbortController();
    for (let i = 0; i < 100; i++) attemptSignal(caller.signal, 60_000).dispose();
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });

  it("starts aborted when the caller already is", () => {
    expect(attemptSignal(AbortSignal.abort(), 60_000).signal.aborted).toBe(true);
  });
});
