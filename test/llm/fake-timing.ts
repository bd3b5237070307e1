import { LlmAbortedError } from "../../src/llm/errors/llm-aborted-error.js";
import type { Timing } from "../../src/llm/timing.js";

/** A simulated clock: `sleep` records the wait and moves the clock, without waiting. */
export function fakeTiming(random = 0.5): { timing: Timing; sleeps: number[]; advance(ms: number): void } {
  let now = Date.parse("2025-01-01T00:00:00Z");
  const sleeps: number[] = [];
  const timing: Timing = {
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new LlmAbortedError(signal.reason);
      sleeps.push(ms);
      now += ms;
    },
    random: () => random,
  };
  return { timing, sleeps, advance: (ms) => void (now += ms) };
}
