import type { ChatMessage, ChatRequest } from "../spec.js";

/** The name of the output-length field: `max_tokens` (most servers) or `max_completion_tokens` (OpenAI's reasoning models). */
export type MaxTokensField = "max_tokens" | "max_completion_tokens";

/** The /chat/completions body of a request. `rolloutId` and `signal` are never sent. */
export function toChatBody(request: ChatRequest, maxTokensField: MaxTokensField): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, messages: request.messages.map(toWireMessage) };
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      type: "function",
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
  }
  if (request.responseFormat) {
    const { name, schema, strict } = request.responseFormat;
    body.response_format = { type: "json_schema", json_schema: { name, schema, ...(strict === undefined ? {} : { strict }) } };
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.maxTokens !== undefined) body[maxTokensField] = request.maxTokens;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.stop !== undefined) body.stop = request.stop;
  return body;
}

function toWireMessage(message: ChatMessage): Record<string, unknown> {
  if (message.role === "tool") return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
  if (message.role === "assistant" && message.toolCalls?.length) {
    return {
      role: "assistant",
      content: message.content === "" ? null : message.content,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: "function",
        function: { name: call.name, arguments: JSON.stringify(call.arguments) },
      })),
    };
  }
  return { role: message.role, content: message.content };
}
