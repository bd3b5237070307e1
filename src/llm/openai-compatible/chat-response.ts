import { LlmResponseError } from "../errors/llm-response-error.js";
import type { ChatRequest, FinishReason, ToolCall, Usage } from "../spec.js";
import { mapFinishReason } from "./finish-reason.js";
import { parseOpenAIUsage } from "./usage.js";

export interface ParsedChat {
  text: string;
  toolCalls: ToolCall[];
  /** OpenAI's `message.refusal`, when the model declined. */
  refusal?: string;
  /** Undefined when the server sent no usage. */
  usage: Usage | undefined;
  model: string;
  finishReason: FinishReason;
}

/** Reads a /chat/completions answer: text, parsed tool calls, refusal, usage. (Structured output is parsed by `withStructuredOutput`.) */
export function parseChatResponse(body: unknown, request: ChatRequest): ParsedChat {
  const choice = firstChoice(body);
  const message = choice.message as Record<string, unknown>;
  const text = textOf(message.content);
  const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls.map(parseToolCall) : [];
  const record = body as Record<string, unknown>;
  const parsed: ParsedChat = {
    text,
    toolCalls,
    usage: parseOpenAIUsage(record.usage),
    model: typeof record.model === "string" && record.model ? record.model : request.model,
    finishReason: mapFinishReason(choice.finish_reason),
  };
  if (typeof message.refusal === "string" && message.refusal) parsed.refusal = message.refusal;
  return parsed;
}

function firstChoice(body: unknown): Record<string, unknown> {
  const choices = body !== null && typeof body === "object" ? (body as Record<string, unknown>).choices : undefined;
  const choice = Array.isArray(choices) ? choices[0] : undefined;
  if (choice === null || typeof choice !== "object" || choice.message === null || typeof choice.message !== "object") {
    throw new LlmResponseError("body", "has no choices[0].message", JSON.stringify(body));
  }
  return choice as Record<string, unknown>;
}

/** Content is a string, null (tool calls only), or, from some servers, a list of text parts. */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => (part && typeof part === "object" && typeof part.text === "string" ? part.text : "")).join("");
  }
  return "";
}

function parseToolCall(raw: unknown, index: number): ToolCall {
  const call = (raw ?? {}) as Record<string, unknown>;
  const fn = (call.function ?? {}) as Record<string, unknown>;
  const id = typeof call.id === "string" && call.id ? call.id : `call_${index}`;
  if (typeof fn.name !== "string" || !fn.name) throw new LlmResponseError("body", `has a tool call (${id}) without a function name`, JSON.stringify(raw));
  // OpenAI sends the arguments as JSON text; a few servers send the object itself.
  let args: unknown = fn.arguments;
  if (typeof args === "string") {
    try {
      args = args.trim() === "" ? {} : JSON.parse(args);
    } catch (error) {
      throw new LlmResponseError("tool-arguments", `of call ${id} to "${fn.name}" are not valid JSON (${(error as Error).message})`, fn.arguments as string);
    }
  }
  if (args === null || typeof args !== "object" || Array.isArray(args)) {
    throw new LlmResponseError("tool-arguments", `of call ${id} to "${fn.name}" are not a JSON object`, JSON.stringify(fn.arguments));
  }
  return { id, name: fn.name, arguments: args as Record<string, unknown> };
}
