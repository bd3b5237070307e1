import { LlmError } from "../../llm/index.js";
import type { Cost, Objective, TrialRecord } from "../../storage/spec.js";
import { AgentReplyError, askJson, type AgentLlm } from "../core/index.js";
import type { CheckedGenerativeOptions } from "./generative-options.js";
import { unifiedDiff } from "./line-diff.js";
import type { GenerativeRecord, VersionState } from "./loop-state.js";
import { buildUpdateMessages, type TrainableParam } from "./update-prompt.js";
import { updateReplySchema } from "./update-reply.js";

/** What one update produced: the next artifact, the record stored with its first trial, and what it cost. */
export interface UpdateOutcome {
  artifact: Record<string, string>;
  record: Omit<GenerativeRecord, "version" | "split">;
  cost: Cost;
}

export interface UpdateInput {
  llm: AgentLlm;
  options: CheckedGenerativeOptions;
  objective: Objective;
  params: readonly TrainableParam[];
  versions: readonly VersionState[];
  minibatch: readonly TrialRecord[];
  /** Names the call in a replay cache. */
  rolloutId: string;
}

/**
 * One update step: the prompt (current artifact, minibatch feedback cut to the credit
 * horizon, memory of past updates), a checked JSON reply, and the diff. When the model
 * gives no usable reply after every attempt (AgentReplyError), or the endpoint fails in a
 * way retrying may fix (a retryable LlmError, after the client's own retries), the update
 * keeps the current artifact and says why in `failure`; the spend is still returned.
 * Other errors (no API key, a replay-cache miss, an unknown model) are configuration
 * problems and are thrown.
 */
export async function runUpdate(input: UpdateInput): Promise<UpdateOutcome> {
  const current = input.versions[input.versions.length - 1];
  const { messages, template } = buildUpdateMessages(input);
  const base = { parent: current.version, template, minibatch: input.minibatch.map((trial) => trial.number) };
  try {
    const answer = await askJson({
      agent: "generative",
      llm: input.llm,
      messages,
      schema: updateReplySchema(input.params, input.options.syntaxCheck),
      attempts: input.options.attempts,
      rolloutId: input.rolloutId,
      maxTokens: input.options.maxTokens,
    });
    const artifact = { ...current.artifact, ...answer.value.artifact };
    const diff = input.params
      .map((param) => unifiedDiff(current.artifact[param.name], artifact[param.name], { name: param.name }))
      .filter((part) => part !== "")
      .join("\n");
    return { artifact, record: { ...base, diff, reasoning: answer.value.reasoning, attempts: answer.attempts }, cost: answer.cost };
  } catch (error) {
    if (error instanceof AgentReplyError) {
      return { artifact: { ...current.artifact }, record: { ...base, diff: "", failure: error.problems.join("; "), attempts: error.problems.length }, cost: error.cost };
    }
    if (error instanceof LlmError && error.isRetryable) {
      return { artifact: { ...current.artifact }, record: { ...base, diff: "", failure: `the LLM call failed: ${error.message}`, attempts: 1 }, cost: {} };
    }
    throw error;
  }
}
