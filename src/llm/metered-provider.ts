import { addCosts, freeCost, toLedgerCost } from "./cost.js";
import type { LlmCost, Provider } from "./spec.js";

/** A provider that adds up what its calls spent. */
export interface MeteredProvider extends Provider {
  /** Sum of the calls' costs; `usd` is null once any call had no price. */
  readonly spent: LlmCost;
  /** Calls answered, and how many of them came from the replay cache. */
  readonly calls: number;
  readonly cachedCalls: number;
  /** `spent` under the ledger's cost names (for `addOptimizerCost` or a trial's cost). */
  ledgerCost(): Record<string, number>;
}

/**
 * Wraps a provider to meter its spend, e.g. the calls an LLM-guided optimizer makes for
 * itself, which the ledger keeps apart from the system under test.
 *
 * @example
 * const llm = metered(openAICompatible({ baseURL }));
 * await llm.chat(request);
 * await storage.addOptimizerCost(studyId, llm.ledgerCost());
 */
export function metered(provider: Provider): MeteredProvider {
  let spent = freeCost();
  let calls = 0;
  let cachedCalls = 0;
  const count = <T extends { cost: LlmCost; cached: boolean }>(response: T): T => {
    spent = addCosts(spent, response.cost);
    calls++;
    if (response.cached) cachedCalls++;
    return response;
  };
  return {
    name: provider.name,
    chat: async (request) => count(await provider.chat(request)),
    embed: async (request) => count(await provider.embed(request)),
    get spent() {
      return spent;
    },
    get calls() {
      return calls;
    },
    get cachedCalls() {
      return cachedCalls;
    },
    ledgerCost: () => toLedgerCost(spent),
  };
}
