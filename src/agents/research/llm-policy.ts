import { LlmError } from "../../llm/index.js";
import { sumCosts } from "../../storage/index.js";
import { AgentReplyError, askJson, loadPrompt, renderPrompt, type AgentLlm, type PromptTemplate } from "../core/index.js";
import { decisionOf, replySchema } from "./decision-reply.js";
import { heuristicPolicy } from "./heuristic-policy.js";
import type { Decision, ResearchPolicy, ResearchState } from "./spec.js";
import { historyText, hypothesesText, levelsText, stateText } from "./state-text.js";

export interface LlmPolicyOptions {
  /** The model to ask (see `resolveAgentLlm`). */
  llm: AgentLlm;
  /** Decides a step when the model gives no usable answer (default `heuristicPolicy()`). */
  fallback?: ResearchPolicy;
  /** Attempts per decision, the first included (default 3). */
  attempts?: number;
}

/**
 * The LLM research policy. Each step it sends the state (per level runs, spend, best and
 * promotable trials with their configurations, agreement with the top, the incumbent), the
 * current hypotheses and the last steps, under a system prompt with the actions, research
 * priors and the reply format (templates `prompts/research/system.v1.md` and
 * `decide.v1.md`). The reply is JSON: action, reasoning, hypotheses, and configs / count /
 * level / trials. Its shape and its meaning (configurations in the space, trial numbers of
 * complete trials, promotions that go up) are checked, and a bad reply is sent back to the
 * model to answer again (`askJson`). When the model still gives no usable answer, or the
 * endpoint fails after its retries, the fallback policy decides the step; the record says
 * why, and the failed calls are still charged.
 *
 * @example
 * const policy = llmPolicy({ llm: resolveAgentLlm({ model: "gpt-4o-mini" }, "research") });
 * const sampler = researchOptimizer({ fidelity, policy });
 */
export function llmPolicy(options: LlmPolicyOptions): ResearchPolicy {
  const system = loadPrompt("research", "system", 1);
  const decide = loadPrompt("research", "decide", 1);
  const templates = [system.id, decide.id];
  const fallback = options.fallback ?? heuristicPolicy();
  return {
    name: "llm",
    async decide(state) {
      const rolloutId = `research/${state.seed}/${state.trialNumber}/${state.call}`;
      try {
        const answer = await askJson({
          agent: "research",
          llm: options.llm,
          messages: researchMessages(state, system, decide),
          schema: replySchema(state),
          attempts: options.attempts ?? 3,
          rolloutId,
        });
        return { ...decisionOf(answer.value, state), policy: "llm", templates, cost: answer.cost, rollouts: [rolloutId] };
      } catch (error) {
        const replyFailed = error instanceof AgentReplyError;
        if (!replyFailed && !(error instanceof LlmError && error.isRetryable)) throw error;
        const backup = await decideWithout(fallback, state);
        return {
          ...backup,
          templates,
          cost: sumCosts(backup.cost ?? {}, replyFailed ? error.cost : {}),
          rollouts: [rolloutId, ...(backup.rollouts ?? [])],
          fallback: `the LLM policy failed (${error.message}); the ${fallback.name} policy decided this step`,
        };
      }
    },
  };
}

/**
 * The fallback's decision for the step, taken whole: were it to hypothesize, the LLM would
 * be asked again, so its hypotheses are adopted and it decides once more, in one reasoning.
 */
async function decideWithout(fallback: ResearchPolicy, state: ResearchState): Promise<Decision> {
  const first = await fallback.decide(state);
  if (first.action !== "hypothesize" && first.plan.length > 0) return first;
  const second = await fallback.decide({ ...state, hypotheses: first.hypotheses, mayHypothesize: false });
  return { ...second, reasoning: `${first.reasoning} ${second.reasoning}`, hypotheses: second.action === "hypothesize" ? first.hypotheses : second.hypotheses };
}

/** The system and user messages of one decision. */
export function researchMessages(state: ResearchState, system: PromptTemplate, decide: PromptTemplate): { role: "system" | "user"; content: string }[] {
  const objective = state.objectives.map((o) => `${o.direction} ${o.name}`).join(", ");
  return [
    {
      role: "system",
      content: renderPrompt(system, {
        objective: state.objectives.length > 1 ? `${objective} (trials are ranked on all; agreement and maps use the first)` : objective,
        space: JSON.stringify(state.space.toJSON()),
        levels: levelsText(state),
        max_batch: state.maxBatch,
      }),
    },
    {
      role: "user",
      content: renderPrompt(decide, {
        step: state.step,
        state: stateText(state),
        hypotheses: hypothesesText(state.hypotheses),
        history: historyText(state),
        instruction: state.mayHypothesize
          ? "Choose the next action. Answer with the JSON object only."
          : "You have already written hypotheses for this step: choose an action that runs trials (explore, promote, extrapolate or exploit). Answer with the JSON object only.",
      }),
    },
  ];
}
