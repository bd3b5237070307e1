import type { Usage } from "../spec.js";

/**
 * Normalizes OpenAI's usage: `prompt_tokens` includes the cached ones
 * (`prompt_tokens_details.cached_tokens`), `completion_tokens` includes the reasoning ones
 * (`completion_tokens_details.reasoning_tokens`). Undefined when the body has no usage.
 */
export function parseOpenAIUsage(raw: unknown): Usage | undefined {
  if (raw === null || typeof raw !== "object") return undefined;
  const usage = raw as Record<string, unknown>;
  const prompt = count(usage.prompt_tokens);
  const completion = count(usage.completion_tokens);
  const cached = count(detail(usage.prompt_tokens_details, "cached_tokens"));
  const reasoning = count(detail(usage.completion_tokens_details, "reasoning_tokens"));
  return {
    inputTokens: Math.max(0, prompt - cached),
    cachedInputTokens: Math.min(cached, prompt),
    outputTokens: Math.max(0, completion - reasoning),
    reasoningTokens: Math.min(reasoning, completion),
    raw: usage,
  };
}

function detail(details: unknown, field: string): unknown {
  return details !== null && typeof details === "object" ? (details as Record<string, unknown>)[field] : undefined;
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}
