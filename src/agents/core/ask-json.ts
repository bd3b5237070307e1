import type { z } from "zod";
import { KnobsError } from "../../errors/index.js";
import { toLedgerCost, type ChatMessage } from "../../llm/index.js";
import { addCost, type Cost } from "../../storage/index.js";
import type { AgentLlm } from "./agent-llm.js";

/** The answer of `askJson`: the checked value, what all attempts cost, and each reply's text. */
export interface JsonAnswer<T> {
  value: T;
  /** Ledger cost of every attempt (failed ones included: they were paid for). */
  cost: Cost;
  attempts: number;
  replies: string[];
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
 * Asks for a JSON answer and checks it. A reply that is not JSON, a refusal, or JSON that
 * fails the schema is answered with the problem and asked again, up to `attempts` times;
 * then an AgentReplyError says what went wrong each time. The JSON is read from the reply
 * text (a ```json fence or prose around one object is tolerated), so servers without
 * structured-output support work too.
 */
export async function askJson<T>(options: AskJsonOptions<T>): Promise<JsonAnswer<T>> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const messages: ChatMessage[] = [...options.messages];
  const cost: Cost = {};
  const replies: string[] = [];
  const problems: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const response = await options.llm.provider.chat({
      model: options.llm.model,
      messages,
      temperature: options.llm.temperature,
      ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
      ...(options.rolloutId ? { rolloutId: attempt === 1 ? options.rolloutId : `${options.rolloutId}#${attempt}` } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!response.cached) addCost(cost, toLedgerCost(response.cost));
    replies.push(response.text);
    const problem = readJson(response.text, options.schema);
    if (problem.ok) return { value: problem.value, cost, attempts: attempt, replies };
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
