import { RateLimiter, type RateLimit } from "./rate-limiter.js";
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from "./retry.js";
import type { LlmEvent } from "./spec.js";
import { resolveTiming, throwIfAborted, type Timing } from "./timing.js";

/** The options every provider shares: retries, rate limits, clock, events. */
export interface CallPolicyOptions {
  /** Retries after the first attempt on 408, 409, 429, 5xx, timeouts and network errors (default 4). */
  maxRetries?: number;
  /** Backoff windows and the longest Retry-After honoured (defaults in `DEFAULT_RETRY_POLICY`). */
  retry?: Partial<Omit<RetryPolicy, "maxRetries">>;
  /** Requests and tokens per minute; unlimited when absent. */
  rateLimit?: RateLimit;
  /** Clock, sleep and jitter source; real time by default (tests and simulations replace them). */
  timing?: Partial<Timing>;
  /** Called on retries, rate-limit waits and cache hits. Events never hold a key. */
  onEvent?: (event: LlmEvent) => void;
}

/** What one attempt returns: its value and the tokens it really used (for the rate limiter). */
export interface AttemptResult<T> {
  value: T;
  usedTokens: number;
}

export interface CallPolicy {
  readonly timing: Timing;
  /** Runs `attempt` under the rate limiter (each retry counted) and the retry policy. */
  run<T>(estimatedTokens: number, signal: AbortSignal | undefined, attempt: () => Promise<AttemptResult<T>>): Promise<T>;
}

/** Builds the retry-and-rate-limit wrapper of a provider from its options. */
export function callPolicy(options: CallPolicyOptions): CallPolicy {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry, maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries };
  if (!(Number.isInteger(policy.maxRetries) && policy.maxRetries >= 0)) {
    throw new RangeError(`maxRetries must be an integer >= 0, but got ${policy.maxRetries}`);
  }
  const timing = resolveTiming(options.timing);
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit, timing, options.onEvent) : undefined;
  return {
    timing,
    run(estimatedTokens, signal, attempt) {
      throwIfAborted(signal);
      return withRetries(
        async () => {
          const slot = await limiter?.acquire(estimatedTokens, signal);
          const { value, usedTokens } = await attempt();
          slot?.settle(usedTokens);
          return value;
        },
        policy,
        timing,
        signal,
        options.onEvent,
      );
    },
  };
}
