import type { ToolCall } from "../../llm/index.js";
import type { AgentTool, ToolResult } from "./spec.js";

/**
 * Runs a turn's tool calls in order, at most `limit` of them; every call gets a result, so the
 * conversation stays valid: the handler's output, or `error: ...` when the tool is unknown, the
 * handler threw, or the call was over the limit.
 */
export async function runToolCalls(calls: readonly ToolCall[], tools: readonly AgentTool[], limit: number, signal?: AbortSignal): Promise<ToolResult[]> {
  const results: ToolResult[] = [];
  for (const [at, call] of calls.entries()) {
    const base = { id: call.id, name: call.name, arguments: call.arguments };
    if (at >= limit) {
      results.push({ ...base, content: `error: not run, at most ${limit} tool calls per turn`, isError: true });
      continue;
    }
    const tool = tools.find((candidate) => candidate.name === call.name);
    if (!tool) {
      results.push({ ...base, content: `error: unknown tool ${JSON.stringify(call.name)}; the tools are ${tools.map((t) => t.name).join(", ")}`, isError: true });
      continue;
    }
    try {
      const output = await tool.handler(call.arguments, { signal });
      results.push({ ...base, content: typeof output === "string" ? output : JSON.stringify(output) ?? "null", isError: false });
    } catch (error) {
      results.push({ ...base, content: `error: ${error instanceof Error ? error.message : String(error)}`, isError: true });
    }
  }
  return results;
}
