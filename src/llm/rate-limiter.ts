import type { ChatRequest, LlmEvent } from "./spec.js";
import { throwIfAborted, type Timing } from "./timing.js";

export interface RateLimit {
  /** Requests started in any 60-second window (each retry counts). */
  requestsPerMinute?: number;
  /** Estimated tokens of the requests started in any 60-second window. */
  tokensPerMinute?: number;
}

/** Output tokens assumed for a request without `maxTokens`. */
export const DEFAULT_OUTPUT_TOKEN_ESTIMATE = 1024;

/**
 * The tokens a chat request is charged against `tokensPerMinute` before it runs:
 * `maxTokens` (or 1024 without it) plus the prompt's characters / 4 (messages, tool calls,
 * tool definitions, schema). Once the answer is in, the real usage replaces the estimate.
 */
export function estimateChatTokens(request: ChatRequest): number {
  let characters = 0;
  for (const message of request.messages) {
    characters += message.content.length;
    if (message.toolCalls) characters += JSON.stringify(message.toolCalls).length;
  }
  if (request.tools) characters += JSON.stringify(request.tools).length;
  if (request.responseFormat) characters += JSON.stringify(request.responseFormat.schema).length;
  return (request.maxTokens ?? DEFAULT_OUTPUT_TOKEN_ESTIMATE) + Math.ceil(characters / 4);
}

/** The tokens an embedding request is charged: its inputs' characters / 4. */
export function estimateEmbedTokens(input: readonly string[]): number {
  return Math.ceil(input.reduce((sum, text) => sum + text.length, 0) / 4);
}

/** A granted slot; `settle` replaces the estimate with the tokens really used. */
export interface RateLimitSlot {
  settle(actualTokens: number): void;
}

interface WindowEntry {
  at: number;
  tokens: number;
}

const WINDOW_MS = 60_000;

/**
 * Sliding-window limiter on requests and tokens per minute. Callers are served in
 * arrival order. A request larger than `tokensPerMinute` alone waits for an empty window
 * and then goes (it could never fit otherwise).
 */
export class RateLimiter {
  private readonly entries: WindowEntry[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly limit: RateLimit,
    private readonly timing: Timing,
    private readonly onEvent?: (event: LlmEvent) => void,
  ) {
    for (const [name, value] of Object.entries(limit)) {
      if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
        throw new RangeError(`rateLimit.${name} must be a positive number, but got ${value}`);
      }
    }
  }

  /** Waits until a request of `tokens` fits in both limits, then counts it. */
  acquire(tokens: number, signal?: AbortSignal): Promise<RateLimitSlot> {
    const turn = this.queue.then(() => this.waitForRoom(tokens, signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForRoom(tokens: number, signal: AbortSignal | undefined): Promise<RateLimitSlot> {
    for (;;) {
      throwIfAborted(signal);
      const now = this.timing.now();
      while (this.entries.length > 0 && this.entries[0].at <= now - WINDOW_MS) this.entries.shift();
      const waitMs = this.waitFor(tokens, now);
      if (waitMs <= 0) {
        const entry: WindowEntry = { at: now, tokens };
        this.entries.push(entry);
        return { settle: (actualTokens) => void (entry.tokens = actualTokens) };
      }
      this.onEvent?.({ type: "rate-limit-wait", waitMs });
      await this.timing.sleep(waitMs, signal);
    }
  }

  /** How long until the oldest entries that block this request leave the window (0: it fits now). */
  private waitFor(tokens: number, now: number): number {
    let drop = 0; // entries that must leave the window first
    const { requestsPerMinute: rpm, tokensPerMinute: tpm } = this.limit;
    if (rpm !== undefined && this.entries.length >= rpm) drop = this.entries.length - rpm + 1;
    if (tpm !== undefined) {
      let inWindow = this.entries.reduce((sum, entry) => sum + entry.tokens, 0);
      let tokenDrop = 0;
      while (tokenDrop < this.entries.length && inWindow + tokens > tpm) inWindow -= this.entries[tokenDrop++].tokens;
      drop = Math.max(drop, tokenDrop);
    }
    if (drop === 0) return 0;
    return this.entries[drop - 1].at + WINDOW_MS - now;
  }
}
