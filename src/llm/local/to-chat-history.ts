import { LlmError } from "../errors/llm-error.js";
import type { ChatMessage } from "../spec.js";
import type { ChatHistoryItemLike } from "./llama-runtime.js";

/**
 * Splits a conversation into node-llama-cpp's chat history and the prompt it answers: the
 * last message must be the user's. Tool messages have no place in an embedded chat (the
 * local provider does not call tools) and are rejected.
 */
export function toChatHistory(messages: readonly ChatMessage[]): { history: ChatHistoryItemLike[]; prompt: string } {
  const last = messages.at(-1);
  if (!last || last.role !== "user") {
    throw new LlmError("local_bad_request", `the local model answers a conversation that ends with a user message, but it ends with ${last ? `a ${last.role} message` : "nothing"}`, false);
  }
  const history = messages.slice(0, -1).map((message): ChatHistoryItemLike => {
    switch (message.role) {
      case "system":
        return { type: "system", text: message.content };
      case "user":
        return { type: "user", text: message.content };
      case "assistant":
        return { type: "model", response: [message.content] };
      case "tool":
        throw new LlmError("local_bad_request", "the local model does not call tools: a conversation with tool messages cannot be sent to it", false);
    }
  });
  return { history, prompt: last.content };
}
