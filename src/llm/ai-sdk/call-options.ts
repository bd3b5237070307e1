import type { ChatRequest } from "../spec.js";
import type { AiSdkCallOptions, AiSdkPromptMessage } from "./model-like.js";

/** knobs' chat request as AI SDK call options. A tool message takes its tool name from the call it answers. */
export function toCallOptions(request: ChatRequest, abortSignal: AbortSignal): AiSdkCallOptions {
  const toolNames = new Map<string, string>();
  const prompt: AiSdkPromptMessage[] = request.messages.map((message) => {
    switch (message.role) {
      case "system":
        return { role: "system", content: message.content };
      case "user":
        return { role: "user", content: [{ type: "text", text: message.content }] };
      case "assistant": {
        const calls = (message.toolCalls ?? []).map((call) => {
          toolNames.set(call.id, call.name);
          return { type: "tool-call" as const, toolCallId: call.id, toolName: call.name, input: call.arguments };
        });
        return { role: "assistant", content: [...(message.content ? [{ type: "text" as const, text: message.content }] : []), ...calls] };
      }
      case "tool": {
        const toolCallId = message.toolCallId ?? "";
        const toolName = toolNames.get(toolCallId) ?? "unknown";
        return { role: "tool", content: [{ type: "tool-result", toolCallId, toolName, output: { type: "text", value: message.content } }] };
      }
    }
  });
  const options: AiSdkCallOptions = { prompt, abortSignal };
  if (request.tools?.length) {
    options.tools = request.tools.map((tool) => ({ type: "function", name: tool.name, description: tool.description, inputSchema: tool.parameters }));
  }
  if (request.responseFormat) {
    options.responseFormat = { type: "json", schema: request.responseFormat.schema, name: request.responseFormat.name };
    // The SDK's OpenAI providers send strict JSON schemas unless told otherwise: pass knobs' choice on.
    const strict = { strictJsonSchema: request.responseFormat.strict === true };
    options.providerOptions = { openai: strict, openaiCompatible: strict };
  }
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.topP !== undefined) options.topP = request.topP;
  if (request.maxTokens !== undefined) options.maxOutputTokens = request.maxTokens;
  if (request.seed !== undefined) options.seed = request.seed;
  if (request.stop !== undefined) options.stopSequences = typeof request.stop === "string" ? [request.stop] : [...request.stop];
  return options;
}
