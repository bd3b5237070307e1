import type { Usage } from "./spec.js";

/** Every token a call was billed for. */
export function totalTokens(usage: Usage): number {
  return usage.inputTokens + usage.cachedInputTokens + usage.outputTokens + usage.reasoningTokens;
}
