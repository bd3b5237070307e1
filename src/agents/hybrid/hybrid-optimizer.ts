import { z } from "zod";
import { LlmError } from "../../llm/index.js";
import type { Proposal, Sampler, SamplerContext } from "../../samplers/spec.js";
import type { Cost } from "../../storage/spec.js";
import { AgentReplyError, askJson, loadPrompt, renderPrompt } from "../core/index.js";
import { completeConfig, configSchema } from "./config-schema.js";
import { resolveHybridOptions, type HybridOptions } from "./hybrid-options.js";
import { bestTrials, configText, objectiveText, trialLines } from "./state-text.js";

/** What `userAttrs.hybrid` of each trial records: who proposed it and, for the LLM's turns, why. */
export interface HybridRecord {
  proposer: "classical" | "llm";
  /** The LLM's reason for its configuration. */
  reason?: string;
  /** Active parameters the LLM left out, taken from the classical proposal. */
  filled?: string[];
  /** Parameters the LLM wrote outside their bounds, clamped into them. */
  clamped?: string[];
  /** On the LLM's turns: what the classical optimizer proposed instead. */
  classicalProposal?: Record<string, unknown>;
  /** Why an LLM turn went to the classical optimizer (bad reply, endpoint down, no LLM). */
  fallback?: string;
  templates?: string[];
}

/**
 * A classical optimizer (TPE by default, or CMA-ES, or any sampler) that proposes most trials,
 * and an LLM that proposes a share of them (default 30%, spread evenly) after reading the
 * classical optimizer's state: the best trials, the configuration it would try next, and the
 * recent history. The classical optimizer fits on every trial, whoever proposed it. The LLM's
 * calls are optimizer spend; each trial records who proposed it and why (`userAttrs.hybrid`).
 * Without an LLM, or after `maxFailures` failed calls in a row, every trial is the classical
 * optimizer's, and the records say so. The reply's schema bounds every value, so a
 * grammar-constrained runtime writes only legal ones.
 *
 * @example
 * const sampler = hybridOptimizer({ llm: { model: "gpt-4o-mini" }, classical: "cmaes", share: 0.3 });
 */
export function hybridOptimizer(options: HybridOptions = {}): Sampler {
  const resolved = resolveHybridOptions(options);
  const { classical, llm, seed } = resolved;
  const system = loadPrompt("hybrid", "system", 1);
  const propose = loadPrompt("hybrid", "propose", 1);
  const templates = [system.id, propose.id];
  let failures = 0;
  let disabled: string | null = llm ? null : "no llm is configured: every trial is the classical optimizer's";

  /** Evenly spread LLM turns: trial n is one when floor((n - s + 1) share) passes an integer. */
  const isLlmTurn = (trialNumber: number): boolean => {
    const k = trialNumber - resolved.startupTrials;
    return k >= 0 && Math.floor((k + 1) * resolved.share) > Math.floor(k * resolved.share);
  };

  const withRecord = (proposal: Proposal, record: HybridRecord, cost?: Cost): Proposal => ({
    ...proposal,
    ...(cost && Object.keys(cost).length > 0 ? { optimizerCost: cost } : {}),
    userAttrs: { ...proposal.userAttrs, hybrid: record },
  });

  async function llmTurn(ctx: SamplerContext, fallback: Proposal): Promise<Proposal> {
    const complete = ctx.trials.filter((trial) => trial.state === "complete" && trial.values !== null);
    if (complete.length < resolved.startupTrials) {
      return withRecord(fallback, { proposer: "classical", fallback: `only ${complete.length} complete trials: the LLM's turns start after ${resolved.startupTrials}` });
    }
    const classicalName = classical.name;
    const messages = [
      { role: "system" as const, content: renderPrompt(system, { classical: classicalName, objective: objectiveText(ctx.objectives, resolved.task), space: JSON.stringify(ctx.space.toJSON()) }) },
      {
        role: "user" as const,
        content: renderPrompt(propose, {
          trial: ctx.trialNumber,
          complete: complete.length,
          best: trialLines(bestTrials(ctx.trials, ctx.objectives, resolved.topTrials), ctx.objectives),
          classical: classicalName,
          classicalProposal: configText(fallback.config),
          history: trialLines(ctx.trials.slice(-resolved.historyTrials), ctx.objectives),
        }),
      },
    ];
    const classicalProposal = fallback.config as Record<string, unknown>;
    try {
      const answer = await askJson({
        agent: "hybrid",
        llm: llm!,
        messages,
        schema: z.object({ reason: z.string(), config: configSchema(ctx.space) }),
        attempts: resolved.attempts,
        rolloutId: `hybrid/${seed}/${ctx.trialNumber}`,
      });
      failures = 0;
      const done = completeConfig(ctx.space, answer.value.config, fallback.config);
      if (!done) {
        return withRecord(fallback, { proposer: "classical", fallback: "the LLM's configuration is not in the space", classicalProposal, templates }, answer.cost);
      }
      return withRecord(
        { ...fallback, config: done.config },
        { proposer: "llm", reason: answer.value.reason, ...(done.filled.length > 0 ? { filled: done.filled } : {}), ...(done.clamped.length > 0 ? { clamped: done.clamped } : {}), classicalProposal, templates },
        answer.cost,
      );
    } catch (error) {
      if (error instanceof AgentReplyError) {
        return withRecord(fallback, { proposer: "classical", fallback: error.message, templates }, error.cost);
      }
      if (!(error instanceof LlmError)) throw error;
      failures++;
      if (failures >= resolved.maxFailures) disabled = `the LLM failed ${failures} calls in a row (last: ${error.message}): every later trial is the classical optimizer's`;
      return withRecord(fallback, { proposer: "classical", fallback: disabled ?? `the LLM call failed: ${error.message}`, templates });
    }
  }

  return {
    name: "hybrid",
    seed,
    async doAsk(ctx) {
      const proposal = await classical.doAsk(ctx);
      if (!isLlmTurn(ctx.trialNumber)) return withRecord(proposal, { proposer: "classical" });
      if (disabled) return withRecord(proposal, { proposer: "classical", fallback: disabled });
      return llmTurn(ctx, proposal);
    },
    ...(classical.doSampleParam ? { doSampleParam: (ctx, name, param) => classical.doSampleParam!(ctx, name, param) } : {}),
    ...(classical.doIsExhausted ? { doIsExhausted: (ctx) => classical.doIsExhausted!(ctx) } : {}),
  };
}
