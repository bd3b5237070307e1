import { ValidationError, type Issue } from "../../errors/index.js";
import { lossesOf } from "../../samplers/history.js";
import type { Proposal, Sampler, SamplerContext } from "../../samplers/spec.js";
import type { Config, Space } from "../../space/index.js";
import type { TrialRecord } from "../../storage/spec.js";
import { resolveAgentLlm } from "../core/index.js";
import { loadAllocationTemplates, planAgentRound } from "./agent-round.js";
import { checkAllocationOptions, type AllocationOptions } from "./allocation-options.js";
import { fallbackCandidates } from "./fallback-candidates.js";
import { initialCandidates } from "./initial-candidates.js";
import { historyEntries, type PromptFacts } from "./prompt-facts.js";
import { plannedCompute, screenCandidates, type ScreenContext } from "./screen-candidates.js";
import { allocationKey, readStages, type Stage } from "./stage-layout.js";
import { readTrajectory, type AllocationRecord, type DroppedCandidate, type RoundPlan } from "./trajectory.js";

/** Plans kept in memory, for a trial asked twice over the same history (see `planFor`). */
const REMEMBERED_PLANS = 8;

/**
 * The AgentTTS allocation agent (Wang et al. 2025, "AgentTTS: Large Language Model Agent for
 * Test-time Compute-optimal Scaling Strategy in Complex Tasks", arXiv:2508.00890) for
 * multi-stage spaces: per stage `<stage>.model` (categorical) and `<stage>.samples` (int),
 * under one total compute budget.
 *
 * Round 0 tries every model of every stage at an equal budget (see initialCandidates), with
 * no LLM call. Each later round, the LLM rewrites a running "experience" summary from the
 * history of (allocation, score, compute) and proposes `batchSize` allocations as JSON, with
 * three priors in its prompt (stages prefer different models; samples help then saturate; a
 * stage's spend changes what later stages need). Candidates that are invalid, over budget or
 * repeats are dropped before they run and recorded; when none survive the LLM is asked
 * again, then a non-LLM fallback proposes (see fallbackCandidates). The batch is handed out
 * one candidate per trial.
 *
 * Each round is stored whole on its first trial (`userAttrs.allocation`: batch, experience,
 * drops, template ids, calls, cost), and the round's LLM cost is that proposal's
 * `optimizerCost`. The state is read back from the trials on every ask, so a resumed study
 * never pays again for a recorded round, and the same seed and replies give the same run.
 * Single objective: a study's first objective is the one optimized.
 *
 * @example
 * const sampler = allocationOptimizer({
 *   llm: { model: "gpt-4o-mini" },
 *   budget: 1000,
 *   compute: (config) => pipeline.plannedCompute(config),
 *   modelSizes: { "qwen-7b": 7, "qwen-72b": 72, "llama-8b": 8 },
 *   batchSize: 4,
 * });
 * const study = await createStudy({ name: "tts", storage: "memory:", space: pipeline.space, direction: "maximize", sampler });
 * await study.optimize(objective, { budget: { trials: 30, usd: 1 } });
 */
export function allocationOptimizer(options: AllocationOptions): Sampler {
  const checked = checkAllocationOptions(options);
  const llm = resolveAgentLlm(options.llm, "allocation");
  const templates = loadAllocationTemplates();
  const stagesBySpace = new WeakMap<Space, Stage[]>();
  const plans = new Map<string, RoundPlan>();

  const stagesOf = (space: Space): Stage[] => {
    let stages = stagesBySpace.get(space);
    if (!stages) {
      stages = readStages(space);
      if (!options.compute) checkModelSizes(stages, checked.modelSizes ?? {});
      stagesBySpace.set(space, stages);
    }
    return stages;
  };

  /**
   * The plan of a new round, made once per (trial number, history): a proposal asked again
   * over the same trials (say, after its trial could not be stored) reuses the plan instead
   * of paying again. `paid` is false for a remembered plan.
   */
  const planFor = async (ctx: SamplerContext, round: number, stages: Stage[], screen: ScreenContext): Promise<{ plan: RoundPlan; paid: boolean }> => {
    const key = `${ctx.trialNumber}|${round}|${historyFingerprint(ctx.trials, ctx.trialNumber)}`;
    const remembered = plans.get(key);
    if (remembered) return { plan: remembered, paid: false };
    const plan = await makePlan(ctx, round, stages, screen);
    plans.set(key, plan);
    if (plans.size > REMEMBERED_PLANS) plans.delete(plans.keys().next().value as string);
    return { plan, paid: true };
  };

  const makePlan = async (ctx: SamplerContext, round: number, stages: Stage[], screen: ScreenContext): Promise<RoundPlan> => {
    let carried: DroppedCandidate[] = [];
    if (round === 0) {
      const initial = screenCandidates(initialCandidates(stages, checked.budget, checked.compute), { ...screen, limit: Infinity });
      const plan: RoundPlan = { round, phase: "initial", batch: initial.kept, experience: null, dropped: initial.dropped, templates: [], notes: [], calls: 0, cost: {} };
      if (plan.batch.length > 0) return plan;
      carried = initial.dropped;
      round = 1;
    }
    const trajectory = readTrajectory(ctx.trials, ctx.trialNumber);
    const previous = trajectory.current?.plan ?? null;
    const facts: PromptFacts = { task: checked.task, stages, budget: checked.budget, compute: checked.compute, modelSizes: checked.modelSizes, objective: ctx.objectives[0] };
    const history = historyEntries(ctx.trials, ctx.trialNumber, facts);
    const best = bestConfig(ctx);
    if (!history.some((entry) => entry.score !== null)) {
      // Nothing to learn from yet (every trial failed or is still running): no LLM call.
      const fallback = fallbackCandidates(best, screen, ctx.rng);
      const notes = ["no finished trial with a score yet: no LLM call", `fallback: ${fallback.note}`];
      return { round, phase: "fallback", batch: fallback.batch, experience: previous?.experience ?? null, dropped: carried, templates: [], notes, calls: 0, cost: {} };
    }
    const plan = await planAgentRound({
      round,
      llm,
      templates,
      facts,
      screen,
      history,
      recentFrom: previous ? (trajectory.roundStarts.get(previous.round) ?? 0) : 0,
      experience: previous?.experience ?? null,
      best,
      rng: ctx.rng,
      rolloutId: `allocation/seed-${checked.seed}/trial-${ctx.trialNumber}`,
      replyAttempts: checked.replyAttempts,
      proposalAttempts: checked.proposalAttempts,
      historyLimit: checked.historyLimit,
      maxTokens: checked.maxTokens,
    });
    return carried.length > 0 ? { ...plan, dropped: [...carried, ...plan.dropped] } : plan;
  };

  return {
    name: "allocation",
    seed: checked.seed,
    async doAsk(ctx: SamplerContext): Promise<Proposal> {
      const stages = stagesOf(ctx.space);
      const tried = triedAllocations(ctx.trials, ctx.trialNumber, stages);
      const screen: ScreenContext = { space: ctx.space, stages, budget: checked.budget, compute: checked.compute, tried, limit: checked.batchSize };
      const { current } = readTrajectory(ctx.trials, ctx.trialNumber);
      const skipped: DroppedCandidate[] = [];
      if (current) {
        for (let index = current.lastIndex + 1; index < current.plan.batch.length; index++) {
          const config = current.plan.batch[index];
          const trial = tried.get(allocationKey(stages, config));
          if (trial === undefined) return proposalOf(current.plan, index, skipped, false, false);
          skipped.push({ allocation: config, reason: "duplicate", detail: `the same allocation ran as trial #${trial}` });
        }
      }
      const { plan, paid } = await planFor(ctx, (current?.plan.round ?? -1) + 1, stages, screen);
      return proposalOf(plan, 0, skipped, true, paid);
    },
  };

  function proposalOf(plan: RoundPlan, index: number, skipped: DroppedCandidate[], first: boolean, paid: boolean): Proposal {
    const config = plan.batch[index];
    const compute = plannedCompute(config, checked.compute);
    const record: AllocationRecord = {
      round: plan.round,
      phase: plan.phase,
      candidateIndex: index,
      compute: typeof compute === "number" ? compute : NaN,
      budget: checked.budget,
      dropped: first ? [...plan.dropped, ...skipped] : skipped,
      templates: plan.templates,
      ...(first
        ? { experience: plan.experience, batch: plan.batch, notes: plan.notes, calls: plan.calls, cost: plan.cost, ...(plan.reasoning ? { reasoning: plan.reasoning } : {}) }
        : {}),
    };
    const proposal: Proposal = { config: { ...config }, userAttrs: { allocation: record } };
    if (paid && Object.keys(plan.cost).length > 0) proposal.optimizerCost = { ...plan.cost };
    return proposal;
  }
}

/** The default compute model prices every model by its size: each model of the space needs one. */
function checkModelSizes(stages: readonly Stage[], modelSizes: Record<string, number>): void {
  const issues: Issue[] = [];
  for (const stage of stages) {
    for (const model of stage.models) {
      if (!Object.hasOwn(modelSizes, model)) issues.push({ code: "missing", path: ["modelSizes", model], message: `no size for model "${model}" of stage "${stage.name}" (the default compute model needs one; or pass \`compute\`)` });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, "allocation optimizer");
}

/** Allocation keys of every trial numbered below `before` (running and queued ones too: they will run). */
function triedAllocations(trials: readonly TrialRecord[], before: number, stages: readonly Stage[]): Map<string, number> {
  const tried = new Map<string, number>();
  for (const trial of trials) {
    if (trial.number >= before) continue;
    const key = allocationKey(stages, trial.config);
    if (!tried.has(key)) tried.set(key, trial.number);
  }
  return tried;
}

/** The config of the best complete trial numbered below the one proposed (first objective), or null. */
function bestConfig(ctx: SamplerContext): Config | null {
  let best: { config: Config; loss: number } | null = null;
  for (const trial of ctx.trials) {
    if (trial.number >= ctx.trialNumber) continue;
    const loss = lossesOf(trial, ctx.objectives)?.[0];
    if (loss === undefined || !Number.isFinite(loss)) continue;
    if (!best || loss < best.loss) best = { config: trial.config, loss };
  }
  return best?.config ?? null;
}

/** What a new round's plan depends on: the trials before the one proposed, their states and values. */
function historyFingerprint(trials: readonly TrialRecord[], before: number): string {
  return trials
    .filter((trial) => trial.number < before)
    .map((trial) => `${trial.number}:${trial.state}:${trial.values?.join("/") ?? ""}`)
    .join(",");
}
