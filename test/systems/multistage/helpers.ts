import { fileURLToPath } from "node:url";
import { openAICompatible } from "../../../src/llm/index.js";
import { chatCompletion, type ScriptedReply, type ScriptedServer } from "../../llm/scripted-server.js";

/** The synthetic 3-question fixture in AgentTTS' tts_test.json shape. */
export const MINI_2WIKI = fileURLToPath(new URL("../../fixtures/agenttts-2wiki-mini/tts_test.json", import.meta.url));

/** A scripted chat reply with the given text and usage, from a model without a price (unless named). */
export function reply(content: string, usage = { prompt_tokens: 100, completion_tokens: 5 }, model = "local-model"): ScriptedReply {
  return { body: chatCompletion({ content, usage, model }) };
}

/** A provider talking to the scripted server over HTTP, without a key and without retries. */
export function providerFor(server: ScriptedServer) {
  return openAICompatible({ baseURL: server.baseURL, apiKeyEnv: null, maxRetries: 0 });
}

/** The user message of the n-th chat request the server received. */
export function userPrompt(server: ScriptedServer, n: number): string {
  const messages = server.requests("/chat/completions")[n].body.messages as { role: string; content: string }[];
  return messages.filter((message) => message.role === "user").map((message) => message.content).join("\n");
}
