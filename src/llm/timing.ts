import { rngFor } from "../math/index.js";
import { LlmAbortedError } from "./errors/llm-aborted-error.js";

/**
 * The clock, the waits and the randomness the LLM layer uses for rate limits and retries.
 * Injectable so tests and simulations run without waiting; the defaults are real time.
 */
export interface Timing {
  /** Milliseconds since an arbitrary origin (default Date.now). */
  now(): number;
  /** Resolves after `ms`; rejects with `LlmAbortedError` if `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A uniform number in [0, 1), used only for retry jitter. */
  random(): number;
}

/** Real time. Jitter comes from a stream seeded by the process id: it spreads processes apart and never touches results. */
export function realTiming(): Timing {
  const rng = rngFor(process.pid, "llm-retry-jitter");
  return { now: () => Date.now(), sleep: abortableSleep, random: () => rng.random() };
}

/** Real time, with any part replaced. */
export function resolveTiming(partial: Partial<Timing> | undefined): Timing {
  return { ...realTiming(), ...partial };
}

/** Throws `LlmAbortedError` if the caller's signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LlmAbortedError(signal.reason);
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new LlmAbortedError(signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LlmAbortedError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
