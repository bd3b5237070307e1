import { ValidationError } from "../../errors/index.js";
import { addCosts, findPrice, OPENAI_PRICES, priceUsage, type ChatMessage, type ChatRequest, type ChatResponse, type LlmCost, type PriceTable, type Provider } from "../../llm/index.js";
import { deriveSeed } from "../../math/index.js";
import { describeError, isReplyFailure } from "../multistage/index.js";
import { BudgetMeter } from "./budget-meter.js";
import { checkSettings } from "./check-settings.js";
import { runToolCalls } from "./run-tool-calls.js";
import type { AgentRun, AgentSettings, AgentStep, AgentTool } from "./spec.js";

/** Sent once the tool rounds are used up, so the model answers rather than asking again. */
export const ANSWER_NOW = "No more tool calls are allowed. Reply now with your final answer.";

export interface RunAgentOptions {
  provider: Provider;
  settings: AgentSettings;
  tools: readonly AgentTool[];
  /** The task: the conversation so far (system and user messages). */
  messages: readonly ChatMessage[];
  /** Prices for `budget.usd` and the run's `usd` (default OPENAI_PRICES; the provider's own cost when the model is not in it). */
  prices?: PriceTable;
  /** Names the run in rollout ids, e.g. "2wiki/q3/seed-0" (default "agent"); each call adds `/turn-<i>`. */
  rolloutId?: string;
  /** Seed of the requests' `seed` (default 0). */
  seed?: number;
  signal?: AbortSignal;
}

/**
 * A tool-calling loop: calls the model with the tools, runs the tool calls it asks for, sends
 * the results back, until the model answers in text. Stops with
 *
 * - `answer`: a reply without tool calls (its text is the answer);
 * - `max_iterations`: `maxIterations` calls made without an answer;
 * - `budget`: the next call could take the spend past `budget` (checked before every call);
 * - `error`: a malformed reply, a request the server rejected (e.g. a conversation longer than
 *   the model's context), or an empty reply.
 *
 * A tool that throws, an unknown tool and a call over `maxToolCallsPerTurn` are reported back to
 * the model as `error: ...` and the loop goes on. Once `maxToolDepth` tool rounds are used, tools
 * are no longer offered and the model is told to answer (ANSWER_NOW). Errors of the setup (no
 * key, no server, retries exhausted) are thrown. Throws ValidationError on bad settings.
 *
 * @example
 * const run = await runAgent({ provider, tools: [searchTool], messages: [{ role: "user", content: "Who directed Alien?" }],
 *   settings: { model: "gpt-4o-mini", maxIterations: 6, maxToolDepth: 3, budget: { tokens: 20_000 } } });
 * run.answer; run.stopReason; run.steps;
 */
export async function runAgent(options: RunAgentOptions): Promise<AgentRun> {
  const { provider, settings, tools } = options;
  const prices = options.prices ?? OPENAI_PRICES;
  const issues = checkSettings(settings, prices);
  if (issues.length > 0) throw new ValidationError(issues, "agent settings");
  const price = findPrice(prices, settings.model);
  const meter = new BudgetMeter(settings.budget ?? {}, settings.model, prices);
  const rolloutId = options.rolloutId ?? "agent";
  const definitions = tools.map(({ name, description, parameters }) => ({ name, description, parameters }));
  const messages: ChatMessage[] = [...options.messages];
  const run: AgentRun = { answer: null, stopReason: "max_iterations", steps: [], cost: zero(), toolRounds: 0, toolCalls: 0 };
  let toldToAnswer = false;

  for (let iteration = 0; iteration < settings.maxIterations; iteration++) {
    const toolsOffered = tools.length > 0 && run.toolRounds < settings.maxToolDepth;
    if (!toolsOffered && run.toolRounds > 0 && !toldToAnswer) {
      messages.push({ role: "user", content: ANSWER_NOW });
      toldToAnswer = true;
    }
    const request: ChatRequest = {
      model: settings.model,
      messages: [...messages],
      tools: toolsOffered ? definitions : undefined,
      temperature: settings.temperature ?? 0,
      maxTokens: settings.maxTokens ?? 512,
      seed: deriveSeed(options.seed ?? 0, rolloutId, iteration) >>> 1,
      rolloutId: `${rolloutId}/turn-${iteration}`,
      signal: options.signal,
    };
    if (meter.wouldExceed(request)) return { ...run, stopReason: "budget" };
    let response: ChatResponse;
    try {
      response = await provider.chat(request);
    } catch (error) {
      if (!isReplyFailure(error)) throw error;
      return { ...run, stopReason: "error", error: describeError(error) };
    }
    meter.add(response);
    const cost = price ? priceUsage(response.usage, price) : response.cost;
    run.cost = addCosts(run.cost, cost);
    const step: AgentStep = {
      iteration,
      toolsOffered,
      text: response.text,
      toolCalls: response.toolCalls,
      finishReason: response.finishReason,
      toolResults: [],
      usage: response.usage,
      cost,
      cached: response.cached,
    };
    run.steps.push(step);
    if (response.toolCalls.length > 0) {
      messages.push({ role: "assistant", content: response.text, toolCalls: response.toolCalls });
      if (toolsOffered) {
        run.toolRounds++;
        step.toolResults = await runToolCalls(response.toolCalls, tools, settings.maxToolCallsPerTurn ?? 8, options.signal);
        run.toolCalls += step.toolResults.length;
      } else {
        // Tools were not offered but the model called them anyway: answer each call, ask again.
        step.toolResults = response.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: call.arguments, content: `error: not run. ${ANSWER_NOW}`, isError: true }));
      }
      for (const result of step.toolResults) messages.push({ role: "tool", content: result.content, toolCallId: result.id });
      continue;
    }
    const answer = response.text.trim();
    if (answer === "") return { ...run, stopReason: "error", error: { code: "empty_reply", message: `the model replied with neither text nor tool calls (finish reason ${response.finishReason})` } };
    return { ...run, answer, stopReason: "answer" };
  }
  return run;
}

function zero(): LlmCost {
  return { usd: 0, priceKnown: true, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
}
