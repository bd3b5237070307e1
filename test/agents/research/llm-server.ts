/** Test helpers for the LLM research policy on the scripted server. */
import { heuristicPolicy, researchOptimizer, trajectory, type ResearchRecord } from "../../../src/agents/research/index.js";
import type { Provider } from "../../../src/llm/index.js";
import type { TrialRecord } from "../../../src/storage/spec.js";
import { chatCompletion, type ReceivedRequest, type ScriptedReply } from "../../llm/scripted-server.js";
import { agreeingFidelity, agreeingSpace, evaluateAgreeing } from "./agreeing-problem.js";
import { drive } from "./drive.js";

export const PATH = "/chat/completions";
export const USAGE = { prompt_tokens: 1000, completion_tokens: 200, total_tokens: 1200 };
/** gpt-4o-mini: $0.15 per million input tokens, $0.60 per million output tokens. */
export const USD_PER_CALL = (1000 * 0.15 + 200 * 0.6) / 1_000_000;

/** A reply whose content is `value` as JSON (or the text itself), with usage. */
export function reply(value: unknown): ScriptedReply {
  return { body: chatCompletion({ content: typeof value === "string" ? value : JSON.stringify(value), usage: USAGE }) };
}

/** A refusal: no content, the refusal field set. */
export function refusal(): ScriptedReply {
  return { body: chatCompletion({ content: null, refusal: "I can't help with that.", usage: USAGE }) };
}

/** The messages of a request. */
export function messagesOf(request: ReceivedRequest): { role: string; content: string }[] {
  return request.body.messages as { role: string; content: string }[];
}

/** The last message of a request (the state prompt, or askJson's note on a bad reply). */
export function lastMessage(request: ReceivedRequest): string {
  return messagesOf(request).at(-1)!.content;
}

export function recordOf(trial: TrialRecord): ResearchRecord {
  return trial.userAttrs.research as ResearchRecord;
}

/** The LLM research agent on the agreeing test problem, against the scripted server (or a given provider). */
export function llmAgent(baseURL: string, options: { seed?: number; provider?: Provider } = {}) {
  const llm = options.provider ? { model: "gpt-4o-mini", provider: options.provider } : { model: "gpt-4o-mini", baseURL, apiKeyEnv: null };
  return researchOptimizer({ fidelity: agreeingFidelity, seed: options.seed ?? 5, llm });
}

/** Runs the agent on the agreeing problem after `history`, keeping user attributes. */
export function driveAgreeing(sampler: ReturnType<typeof llmAgent>, trials: number, history: TrialRecord[] = []) {
  return drive({ sampler, space: agreeingSpace, evaluate: evaluateAgreeing, trials, history });
}

/**
 * A history made by the heuristic policy, cut at a step boundary after at least `minimum`
 * trials: the next ask decides a new step. Its last step's hypotheses are non-empty.
 */
export async function heuristicHistory(minimum: number): Promise<TrialRecord[]> {
  const sampler = researchOptimizer({ fidelity: agreeingFidelity, seed: 5, policy: heuristicPolicy() });
  const { trials } = await drive({ sampler, space: agreeingSpace, evaluate: evaluateAgreeing, trials: minimum + 40 });
  const step = trajectory(trials).find((s) => s.trials[0] >= minimum && s.hypotheses.length > 0)!;
  return trials.slice(0, step.trials[0]);
}

/** The first promotable trial number named in a state prompt, or null. */
export function firstPromotable(prompt: string): number | null {
  const match = /promotable \(top 1\/3, not yet run higher\): #(\d+)/.exec(prompt);
  return match ? Number(match[1]) : null;
}
