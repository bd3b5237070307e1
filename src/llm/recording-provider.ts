import { freeCost, ZERO_USAGE } from "./cost.js";
import { estimateChatTokens } from "./rate-limiter.js";
import type { ChatRequest, ChatResponse, EmbedResponse, Provider } from "./spec.js";

/** One call an optimizer would have made: its request and the estimate of its tokens. */
export interface RecordedCall {
  request: ChatRequest;
  /** The prompt's tokens, estimated at 4 characters per token (messages and reply schema). */
  inputTokens: number;
  /** The most the answer may take: the request's maxTokens, or the default estimate. */
  outputTokens: number;
}

// Not JSON: every agent takes it as an unusable reply and goes on as it does without an answer.
const NO_ANSWER = "(dry run: no model was called)";

/**
 * A provider that calls no model: it records each request and answers with text that is no
 * usable reply, so an LLM-guided optimizer goes on as it does after a bad reply. askJson's
 * own re-asks of the same decision (rollout ids ending in `#n`) are not recorded: a real
 * model that answers well makes one call per decision.
 */
export function recordingProvider(): Provider & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    name: "dry-run",
    calls,
    async chat(request): Promise<ChatResponse> {
      if (!/#\d+$/.test(request.rolloutId ?? "")) {
        const outputTokens = request.maxTokens ?? 1024;
        calls.push({ request: { ...request, messages: [...request.messages] }, inputTokens: estimateChatTokens(request) - outputTokens, outputTokens });
      }
      return { text: NO_ANSWER, toolCalls: [], usage: { ...ZERO_USAGE }, cost: freeCost(), model: request.model, finishReason: "stop", cached: false };
    },
    async embed(request): Promise<EmbedResponse> {
      return { vectors: request.input.map(() => [0]), usage: { ...ZERO_USAGE }, cost: freeCost(), model: request.model, cached: false };
    },
  };
}
