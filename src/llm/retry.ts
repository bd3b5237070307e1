import { LlmAbortedError } from "./errors/llm-aborted-error.js";
import { LlmApiError } from "./errors/llm-api-error.js";
import { LlmError } from "./errors/llm-error.js";
import type { LlmEvent } from "./spec.js";
import type { Timing } from "./timing.js";

export interface RetryPolicy {
  /** Retries after the first attempt (default 4). */
  maxRetries: number;
  /** Cap of the first backoff window, doubled on each retry (default 1000 ms). */
  baseDelayMs: number;
  /** Largest backoff window (default 30 000 ms). */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error is thrown (default 120 000 ms). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

/**
 * The wait before retry number `retry` (0-based) with "full jitter": uniform in
 * [0, min(maxDelayMs, baseDelayMs * 2^retry)) (Brooker, "Exponential Backoff And Jitter", AWS 2015).
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return random() * window;
}

/**
 * Runs `attempt` until it succeeds, the error is not retryable, or the retries are spent.
 * A server's Retry-After replaces the jittered backoff. A caller abort (during an attempt
 * or a wait) ends at once with `LlmAbortedError`.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy,
  timing: Timing,
  signal: AbortSignal | undefined,
  onEvent?: (event: LlmEvent) => void,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(retry);
    } catch (error) {
      if (signal?.aborted) throw error instanceof LlmAbortedError ? error : new LlmAbortedError(signal.reason);
      if (!(error instanceof LlmError) || !error.isRetryable || retry >= policy.maxRetries) throw error;
      const retryAfter = error instanceof LlmApiError ? error.retryAfterMs : undefined;
      if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) throw error;
      const delayMs = retryAfter ?? backoffDelay(retry, policy, timing.random);
      onEvent?.({ type: "retry", attempt: retry + 1, delayMs, code: error.code, status: error instanceof LlmApiError ? error.status : undefined });
      await timing.sleep(delayMs, signal);
    }
  }
}
