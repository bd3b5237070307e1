import { z } from "zod";
import type { ChatMessage } from "../../llm/index.js";
import type { Rng } from "../../math/index.js";
import type { Config } from "../../space/index.js";
import { addCost } from "../../storage/index.js";
import { AgentReplyError, askJson, loadPrompt, renderPrompt, type AgentLlm, type PromptTemplate } from "../core/index.js";
import { fallbackCandidates } from "./fallback-candidates.js";
import { describeCompute, describeStages, formatHistory, type HistoryEntry, type PromptFacts } from "./prompt-facts.js";
import { screenCandidates, type ScreenContext } from "./screen-candidates.js";
import type { DroppedCandidate, RoundPlan } from "./trajectory.js";

/** The agent's prompt templates (prompts/allocation/*.v1.md). */
export interface AllocationTemplates {
  system: PromptTemplate;
  experience: PromptTemplate;
  propose: PromptTemplate;
  retry: PromptTemplate;
}

/** Loads the templates; a missing file fails here, when the optimizer is made. */
export function loadAllocationTemplates(): AllocationTemplates {
  return {
    system: loadPrompt("allocation", "system"),
    experience: loadPrompt("allocation", "experience"),
    propose: loadPrompt("allocation", "propose"),
    retry: loadPrompt("allocation", "retry"),
  };
}

/** Everything one agent round needs. */
export interface AgentRoundInput {
  round: number;
  llm: AgentLlm;
  templates: AllocationTemplates;
  facts: PromptFacts;
  screen: ScreenContext;
  /** Trials so far, and the number of the first trial of the previous round (older ones are "earlier"). */
  history: readonly HistoryEntry[];
  recentFrom: number;
  /** The running experience before this round (null before the first agent round). */
  experience: string | null;
  /** Best allocation so far, for the fallback. */
  best: Config | null;
  rng: Rng;
  /** Prefix of the calls' rollout ids: one per (seed, trial number). */
  rolloutId: string;
  replyAttempts: number;
  proposalAttempts: number;
  /** Trials shown per history at most (see formatHistory). */
  historyLimit: number;
  maxTokens: number;
}

const experienceSchema = z.object({
  experience: z.union([z.string().trim().min(1), z.array(z.string()).min(1).transform((items) => items.join("\n"))]),
});

const proposalSchema = z.union([
  z.object({ candidates: z.array(z.unknown()).min(1), reasoning: z.string().optional() }),
  z.array(z.unknown()).min(1).transform((candidates) => ({ candidates, reasoning: undefined })),
]);

/**
 * One AgentTTS round (Wang et al. 2025, arXiv:2508.00890): the LLM updates the experience
 * from the history, then proposes a batch, which is screened (invalid, over budget, repeated
 * candidates dropped). When every candidate is dropped it is told why and asked again, up to
 * `proposalAttempts` requests; when no request gives a runnable candidate (or the replies are
 * unusable), the batch comes from fallbackCandidates and the round is marked "fallback".
 * Every call's cost is in the plan, failed ones included. Only AgentReplyError is absorbed:
 * transport errors (no key, server down after retries) propagate.
 */
export async function planAgentRound(input: AgentRoundInput): Promise<RoundPlan> {
  const { templates, facts } = input;
  const plan: RoundPlan = { round: input.round, phase: "agent", batch: [], experience: input.experience, dropped: [], templates: [templates.system.id], notes: [], calls: 0, cost: {} };
  const system: ChatMessage = { role: "system", content: renderPrompt(templates.system, {}) };
  let lastReply = "";
  const common = { task: facts.task, objective: `${facts.objective.name} (${facts.objective.direction})`, budget: String(facts.budget), stages: describeStages(facts), compute: describeCompute(facts) };
  const ask = async <T>(messages: ChatMessage[], schema: z.ZodType<T>, step: string): Promise<T | null> => {
    try {
      const answer = await askJson({ agent: "allocation", llm: input.llm, messages, schema, attempts: input.replyAttempts, rolloutId: `${input.rolloutId}/${step}`, maxTokens: input.maxTokens });
      addCost(plan.cost, answer.cost);
      plan.calls += answer.attempts;
      lastReply = answer.replies[answer.replies.length - 1];
      return answer.value;
    } catch (error) {
      if (!(error instanceof AgentReplyError)) throw error;
      addCost(plan.cost, error.cost);
      plan.calls += error.problems.length;
      plan.notes.push(`${step}: ${error.message}`);
      return null;
    }
  };

  const old = input.history.filter((entry) => entry.number < input.recentFrom);
  const recent = input.history.filter((entry) => entry.number >= input.recentFrom);
  const experienceText = renderPrompt(templates.experience, {
    ...common,
    experience: input.experience ?? "(none yet: this is the first summary)",
    old_history: formatHistory(old, facts, input.historyLimit),
    recent_history: formatHistory(recent, facts, input.historyLimit),
  });
  plan.templates.push(templates.experience.id);
  const updated = await ask([system, { role: "user", content: experienceText }], experienceSchema, "experience");
  if (updated) plan.experience = updated.experience;

  const messages: ChatMessage[] = [
    system,
    {
      role: "user",
      content: renderPrompt(templates.propose, {
        ...common,
        experience: plan.experience ?? "(none: the experience could not be written)",
        history: formatHistory(input.history, facts, input.historyLimit),
        batch_size: input.screen.limit,
        example: exampleReply(facts),
      }),
    },
  ];
  plan.templates.push(templates.propose.id);
  for (let attempt = 1; attempt <= input.proposalAttempts; attempt++) {
    const proposal = await ask(messages, proposalSchema, `propose-${attempt}`);
    if (!proposal) break;
    if (proposal.reasoning) plan.reasoning = proposal.reasoning;
    const screened = screenCandidates(proposal.candidates, input.screen);
    plan.dropped.push(...screened.dropped);
    if (screened.kept.length > 0) {
      plan.batch = screened.kept;
      return plan;
    }
    plan.notes.push(`propose-${attempt}: every candidate was dropped`);
    if (!plan.templates.includes(templates.retry.id)) plan.templates.push(templates.retry.id);
    messages.push({ role: "assistant", content: lastReply });
    messages.push({ role: "user", content: renderPrompt(templates.retry, { dropped: describeDrops(screened.dropped), batch_size: input.screen.limit, budget: String(facts.budget) }) });
  }
  const fallback = fallbackCandidates(input.best, input.screen, input.rng);
  plan.phase = "fallback";
  plan.batch = fallback.batch;
  plan.notes.push(`fallback: ${fallback.note}`);
  return plan;
}

/** The reply shape, with the task's real stage and model names. */
function exampleReply(facts: PromptFacts): string {
  const candidate: Record<string, { model: string; samples: number }> = {};
  for (const stage of facts.stages) candidate[stage.name] = { model: stage.models[stage.models.length - 1], samples: stage.sampleCounts[0] };
  return JSON.stringify({ reasoning: "one or two sentences on why these candidates", candidates: [candidate] });
}

/** One line per dropped candidate: what it was and why it cannot run. */
export function describeDrops(dropped: readonly DroppedCandidate[]): string {
  return dropped.map((drop) => `- ${JSON.stringify(drop.allocation)}: ${drop.reason.replaceAll("_", " ")}: ${drop.detail}`).join("\n");
}
