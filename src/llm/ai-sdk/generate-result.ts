import { LlmResponseError } from "../errors/llm-response-error.js";
import type { FinishReason, ToolCall, Usage } from "../spec.js";
import type { AiSdkGenerateResult, AiSdkUsage } from "./model-like.js";

const FINISH_REASONS: readonly FinishReason[] = ["stop", "length", "tool-calls", "content-filter", "error", "other", "unknown"];

/** Text, parsed tool calls and finish reason of an AI SDK result. */
export function readGenerateResult(result: AiSdkGenerateResult): { text: string; toolCalls: ToolCall[]; finishReason: FinishReason } {
  let text = "";
  const toolCalls: ToolCall[] = [];
  for (const part of result.content) {
    if (part.type === "text" && typeof part.text === "string") text += part.text;
    if (part.type === "tool-call") toolCalls.push(readToolCall(part));
  }
  const unified = typeof result.finishReason === "string" ? result.finishReason : result.finishReason?.unified;
  const finishReason = FINISH_REASONS.includes(unified as FinishReason) ? (unified as FinishReason) : "other";
  return { text, toolCalls, finishReason };
}

function readToolCall(part: Record<string, unknown>): ToolCall {
  const id = String(part.toolCallId ?? "");
  const name = String(part.toolName ?? "");
  let args = part.input;
  if (typeof args === "string") {
    try {
      args = args.trim() === "" ? {} : JSON.parse(args);
    } catch (error) {
      throw new LlmResponseError("tool-arguments", `of call ${id} to "${name}" are not valid JSON (${(error as Error).message})`, part.input as string);
    }
  }
  if (args === null || typeof args !== "object" || Array.isArray(args)) {
    throw new LlmResponseError("tool-arguments", `of call ${id} to "${name}" are not a JSON object`, JSON.stringify(part.input));
  }
  return { id, name, arguments: args as Record<string, unknown> };
}

/**
 * Normalized usage. v3 nests the split (`inputTokens.{total, noCache, cacheRead}`,
 * `outputTokens.{total, text, reasoning}`); v2 gives totals with `cachedInputTokens` and
 * `reasoningTokens` inside them. Undefined when no total is reported.
 */
export function readAiSdkUsage(usage: AiSdkUsage | undefined): Usage | undefined {
  if (!usage) return undefined;
  const input = typeof usage.inputTokens === "number" ? { total: usage.inputTokens, cacheRead: usage.cachedInputTokens } : usage.inputTokens;
  const output = typeof usage.outputTokens === "number" ? { total: usage.outputTokens, reasoning: usage.reasoningTokens } : usage.outputTokens;
  if (input?.total === undefined && output?.total === undefined) return undefined;
  const cached = input?.cacheRead ?? 0;
  const reasoning = output?.reasoning ?? 0;
  return {
    inputTokens: input && "noCache" in input && input.noCache !== undefined ? input.noCache : Math.max(0, (input?.total ?? 0) - cached),
    cachedInputTokens: cached,
    outputTokens: output && "text" in output && output.text !== undefined ? output.text : Math.max(0, (output?.total ?? 0) - reasoning),
    reasoningTokens: reasoning,
    ...(usage.raw ? { raw: usage.raw } : {}),
  };
}
