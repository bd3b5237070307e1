import type { Issue } from "../../errors/index.js";
import { findPrice, type PriceTable } from "../../llm/index.js";
import type { AgentSettings } from "./spec.js";

/** Problems in agent settings, as issues: counts out of range, negative budgets, a usd budget without a price. */
export function checkSettings(settings: AgentSettings, prices: PriceTable): Issue[] {
  const issues: Issue[] = [];
  const issue = (path: string[], message: string) => issues.push({ code: "invalid_agent_settings", path, message });
  if (typeof settings.model !== "string" || settings.model === "") issue(["model"], "expected a model name");
  if (!Number.isInteger(settings.maxIterations) || settings.maxIterations < 1) issue(["maxIterations"], `expected an integer >= 1, received ${settings.maxIterations}`);
  if (!Number.isInteger(settings.maxToolDepth) || settings.maxToolDepth < 0) issue(["maxToolDepth"], `expected an integer >= 0, received ${settings.maxToolDepth}`);
  const perTurn = settings.maxToolCallsPerTurn;
  if (perTurn !== undefined && (!Number.isInteger(perTurn) || perTurn < 1)) issue(["maxToolCallsPerTurn"], `expected an integer >= 1, received ${perTurn}`);
  if (settings.maxTokens !== undefined && (!Number.isInteger(settings.maxTokens) || settings.maxTokens < 1)) issue(["maxTokens"], `expected an integer >= 1, received ${settings.maxTokens}`);
  const budget = settings.budget ?? {};
  for (const name of ["usd", "tokens"] as const) {
    const value = budget[name];
    if (value !== undefined && !(value >= 0)) issue(["budget", name], `expected a number >= 0, received ${value}`);
  }
  if (budget.usd !== undefined && !findPrice(prices, settings.model)) {
    issue(["budget", "usd"], `model ${JSON.stringify(settings.model)} has no price in table ${prices.version}: add it (extendPrices) or cap tokens instead`);
  }
  return issues;
}
