import type { z } from "zod";
import { KnobsError } from "../../errors/index.js";
import { LlmResponseError, rejectsResponseFormat, toLedgerCost, type ChatMessage, type ChatResponse } from "../../llm/index.js";
import { addCost, type Cost } from "../../storage/index.js";
import type { AgentLlm } from "./agent-llm.js";
import { downgradeReplyMode, replyFormat, replyMode, responseFormatOf, type ReplyMode } from "./reply-format.js";

/** The answer of `askJson`: the checked value, what all attempts cost, and each reply's text. */
export interface JsonAnswer<T> {
  value: T;
  /** Ledger cost of every attempt (failed ones included: they were paid for). */
  cost: Cost;
  attempts: number;
  replies: string[];
  /** How the last request asked for JSON: `strict` or `schema` (a `response_format`), or `prompt`. */
  mode: ReplyMode;
}

/** The model never gave a usable answer; `cost` is what the failed attempts spent. */
export class AgentReplyError extends KnobsError {
  constructor(
    readonly agent: string,
    readonly problems: string[],
    readonly cost: Cost,
  ) {
    super("agent_bad_reply", `${agent}: the model gave no usable answer in ${problems.length} attempts: ${problems.join("; ")}`);
  }
}

export interface AskJsonOptions<T> {
  /** Agent name, for errors. */
  agent: string;
  llm: AgentLlm;
  messages: readonly ChatMessage[];
  /** Checks the parsed JSON (zod); its first issues are sent back to the model on a retry. */
  schema: z.ZodType<T>;
  /** Attempts in all, the first included (default 3). */
  attempts?: number;
  /** Names this call in the replay cache, so distinct decisions are distinct samples. */
  rolloutId?: string;
  maxTokens?: number;
  signal?: AbortSignal;
}

/**
 * Asks for a JSON answer and checks it. The schema goes with the request as a JSON Schema
 * `response_format` (strict when it fits OpenAI's strict subset), so a server that supports
 * structured output (OpenAI, vLLM, llama.cpp, Ollama, the embedded runtime) constrains the
 * reply to it; a provider that rejects it (a 4xx naming response_format, or
 * UnsupportedResponseFormatError) is asked again without `strict`, then without the schema,
 * and remembered for that model, so later calls skip what it refused. The prompt must still
 * describe the reply: the zod schema is the final check either way. A reply that is not
 * JSON, a refusal, or JSON that fails the schema is answered with the problem and asked
 * again, up to `attempts` times; then an AgentReplyError says what went wrong each time.
 * The JSON is read from the reply text (a ```json fence or prose around one object is
 * tolerated).
 */
export async function askJson<T>(options: AskJsonOptions<T>): Promise<JsonAnswer<T>> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const { provider, model } = options.llm;
  const format = replyFormat(options.schema, options.agent);
  let mode = replyMode(format, provider, model);
  const messages: ChatMessage[] = [...options.messages];
  const cost: Cost = {};
  const replies: string[] = [];
  const problems: string[] = [];

  /** One attempt's answer; a rejected response format is asked again in the next mode (no tokens were spent). */
  const send = async (attempt: number): Promise<ChatResponse> => {
    for (;;) {
      const responseFormat = responseFormatOf(format, mode);
      try {
        return await provider.chat({
          model,
          messages,
          temperature: options.llm.temperature,
          ...(responseFormat ? { responseFormat } : {}),
          ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
          ...(options.rolloutId ? { rolloutId: attempt === 1 ? options.rolloutId : `${options.rolloutId}#${attempt}` } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });
      } catch (error) {
        if (mode !== "prompt" && rejectsResponseFormat(error)) {
          mode = downgradeReplyMode(mode, provider, model);
          continue;
        }
        // Structured output that is not JSON (cut at maxTokens, say) is a reply like any other: it was paid for.
        if (error instanceof LlmResponseError && error.response) return error.response;
        throw error;
      }
    }
  };

  for (let attempt = 1; attempt <= attempts; attempt++) {
    const response = await send(attempt);
    if (!response.cached) addCost(cost, toLedgerCost(response.cost));
    replies.push(response.text);
    const problem = response.refusal ? { ok: false as const, reason: `the model refused (${response.refusal.slice(0, 200)})` } : readJson(response.text, options.schema);
    if (problem.ok) return { value: problem.value, cost, attempts: attempt, replies, mode };
    problems.push(problem.reason);
    messages.push({ role: "assistant", content: response.text });
    messages.push({ role: "user", content: `Your answer could not be used: ${problem.reason}. Answer again with the JSON only.` });
  }
  throw new AgentReplyError(options.agent, problems, cost);
}

type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Parses the JSON in a reply and checks it against the schema. */
export function readJson<T>(text: string, schema: z.ZodType<T>): Read<T> {
  const json = extractJson(text);
  if (json === null) return { ok: false, reason: text.trim() === "" ? "the reply was empty" : "the reply holds no JSON object" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return { ok: false, reason: `the JSON does not parse (${(error as Error).message})` };
  }
  const checked = schema.safeParse(parsed);
  if (checked.success) return { ok: true, value: checked.data };
  const issues = checked.error.issues.slice(0, 3).map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`);
  return { ok: false, reason: `the JSON does not match the expected shape (${issues.join("; ")})` };
}

/** The JSON text of a reply: a fenced block, the whole reply, or the outermost {...} / [...] span. */
function extractJson(text: string): string | null {
  const fenced = /```(?:json)?\s*\n([\s\S]*?)\n?```/.exec(text);
  if (fenced) return fenced[1];
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return trimmed;
  const open = trimmed.search(/[{[]/);
  if (open < 0) return null;
  const close = Math.max(trimmed.lastIndexOf("}"), trimmed.lastIndexOf("]"));
  return close > open ? trimmed.slice(open, close + 1) : null;
}
