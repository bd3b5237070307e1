/**
 * Prices per model, in US dollars per million tokens. Reasoning tokens are billed as
 * output. A model missing from the table has no price: its calls report `usd: null`.
 */
export interface ModelPrice {
  /** Uncached input tokens, $/1M. */
  input: number;
  /** Input tokens read from the provider's prompt cache, $/1M (equal to `input` when there is no discount). */
  cachedInput: number;
  /** Output tokens, text and reasoning, $/1M (0 for embedding models). */
  output: number;
}

/** A dated set of prices. `version` is the date the prices were read from `source`. */
export interface PriceTable {
  version: string;
  source: string;
  models: Readonly<Record<string, ModelPrice>>;
}

/**
 * OpenAI's standard-tier text prices as published by the vendor on 2025-08-07
 * (https://openai.com/api/pricing). Check before relying on them: prices change, and
 * Batch, Flex and Priority tiers are billed differently. docs/llm.md lists them.
 */
export const OPENAI_PRICES: PriceTable = {
  version: "2025-08-07",
  source: "https://openai.com/api/pricing (standard tier, text tokens)",
  models: {
    "gpt-5": { input: 1.25, cachedInput: 0.125, output: 10 },
    "gpt-5-mini": { input: 0.25, cachedInput: 0.025, output: 2 },
    "gpt-5-nano": { input: 0.05, cachedInput: 0.005, output: 0.4 },
    "gpt-4.1": { input: 2, cachedInput: 0.5, output: 8 },
    "gpt-4.1-mini": { input: 0.4, cachedInput: 0.1, output: 1.6 },
    "gpt-4.1-nano": { input: 0.1, cachedInput: 0.025, output: 0.4 },
    "gpt-4o": { input: 2.5, cachedInput: 1.25, output: 10 },
    "gpt-4o-mini": { input: 0.15, cachedInput: 0.075, output: 0.6 },
    o3: { input: 2, cachedInput: 0.5, output: 8 },
    "o4-mini": { input: 1.1, cachedInput: 0.275, output: 4.4 },
    "o3-mini": { input: 1.1, cachedInput: 0.55, output: 4.4 },
    o1: { input: 15, cachedInput: 7.5, output: 60 },
    "gpt-3.5-turbo": { input: 0.5, cachedInput: 0.5, output: 1.5 },
    "text-embedding-3-small": { input: 0.02, cachedInput: 0.02, output: 0 },
    "text-embedding-3-large": { input: 0.13, cachedInput: 0.13, output: 0 },
    "text-embedding-ada-002": { input: 0.1, cachedInput: 0.1, output: 0 },
  },
};

// A dated snapshot ("gpt-4o-2024-08-06", "gpt-4-0613") costs what its alias costs.
const SNAPSHOT_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{4})$/;

/**
 * The price of `model`: an exact entry, else the entry of the alias a dated snapshot
 * belongs to. Undefined when the table does not know the model (no guess by prefix:
 * "gpt-4o-audio-preview" is not priced as "gpt-4o").
 */
export function findPrice(table: PriceTable, model: string): ModelPrice | undefined {
  const exact = table.models[model];
  if (exact) return exact;
  const alias = model.replace(SNAPSHOT_SUFFIX, "");
  return alias === model ? undefined : table.models[alias];
}

/**
 * A new table with `models` added to (or replacing entries of) `base`, e.g. to price a
 * self-hosted model at 0 or a proxy's models at its rates.
 *
 * @example
 * const prices = extendPrices(OPENAI_PRICES, { "llama3.1:8b": { input: 0, cachedInput: 0, output: 0 } }, "2025-08-07+local");
 */
export function extendPrices(base: PriceTable, models: Record<string, ModelPrice>, version = base.version, source = base.source): PriceTable {
  return { version, source, models: { ...base.models, ...models } };
}
