import type { ModelPrice } from "./prices.js";
import type { LlmCost, Usage } from "./spec.js";

/** Usage of a call that spent nothing (a replay-cache hit). */
export const ZERO_USAGE: Usage = Object.freeze({ inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 });

/**
 * What `usage` costs at `price`: uncached input at the input rate, cached input at the
 * cached rate, text and reasoning output at the output rate. Without a price, `usd` is
 * null and `priceKnown` false, so an unknown model never looks free.
 */
export function priceUsage(usage: Usage, price: ModelPrice | undefined): LlmCost {
  const tokens = {
    inputTokens: usage.inputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    outputTokens: usage.outputTokens,
    reasoningTokens: usage.reasoningTokens,
  };
  if (!price) return { usd: null, priceKnown: false, ...tokens };
  const micro =
    usage.inputTokens * price.input + usage.cachedInputTokens * price.cachedInput + (usage.outputTokens + usage.reasoningTokens) * price.output;
  return { usd: micro / 1_000_000, priceKnown: true, ...tokens };
}

/** The cost of a replay-cache hit: nothing spent. */
export function freeCost(): LlmCost {
  return { usd: 0, priceKnown: true, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
}

/**
 * The call's cost under the ledger's names (`usd`, `input_tokens`, `cached_input_tokens`,
 * `output_tokens`, `reasoning_tokens`). `usd` is left out when the price is unknown: the
 * ledger holds numbers only, and a missing `usd` is visible where a 0 would not be.
 */
export function toLedgerCost(cost: LlmCost): Record<string, number> {
  const ledger: Record<string, number> = {
    input_tokens: cost.inputTokens,
    cached_input_tokens: cost.cachedInputTokens,
    output_tokens: cost.outputTokens,
    reasoning_tokens: cost.reasoningTokens,
  };
  if (cost.usd !== null) ledger.usd = cost.usd;
  return ledger;
}

/** The sum of two costs; `usd` is null as soon as one side's price is unknown. */
export function addCosts(a: LlmCost, b: LlmCost): LlmCost {
  return {
    usd: a.usd === null || b.usd === null ? null : a.usd + b.usd,
    priceKnown: a.priceKnown && b.priceKnown,
    inputTokens: a.inputTokens + b.inputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
  };
}
