import { estimateChatTokens, findPrice, type ChatRequest, type ChatResponse, type ModelPrice, type PriceTable } from "../../llm/index.js";
import type { AgentBudget } from "./spec.js";

/**
 * Keeps what a run has spent against its budget. A call's spend is its original usage
 * (`cachedUsage` on a replay-cache hit), so a replayed run stops where the recorded run
 * stopped. The next call is estimated as the rate limiter does: its prompt's characters / 4
 * plus `maxTokens` in full.
 */
export class BudgetMeter {
  tokens = 0;
  usd = 0;
  private readonly price: ModelPrice | undefined;

  constructor(
    private readonly budget: AgentBudget,
    model: string,
    prices: PriceTable,
  ) {
    this.price = findPrice(prices, model);
  }

  /** True when `request` could take the spend past the budget. */
  wouldExceed(request: ChatRequest): boolean {
    const total = estimateChatTokens(request);
    if (this.budget.tokens !== undefined && this.tokens + total > this.budget.tokens) return true;
    if (this.budget.usd !== undefined && this.price) {
      const output = request.maxTokens ?? 0;
      const usd = ((total - output) * this.price.input + output * this.price.output) / 1_000_000;
      if (this.usd + usd > this.budget.usd) return true;
    }
    return false;
  }

  /** Adds a call's original usage. */
  add(response: ChatResponse): void {
    const usage = response.cachedUsage ?? response.usage;
    this.tokens += usage.inputTokens + usage.cachedInputTokens + usage.outputTokens + usage.reasoningTokens;
    if (this.price) {
      this.usd += (usage.inputTokens * this.price.input + usage.cachedInputTokens * this.price.cachedInput + (usage.outputTokens + usage.reasoningTokens) * this.price.output) / 1_000_000;
    }
  }
}
