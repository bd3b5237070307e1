import { KnobsError } from "../../errors/index.js";
import { guardedScheduler, resumeFrom, trialsByLevel } from "../../fidelity/index.js";
import type { Proposal, Sampler, SamplerContext } from "../../samplers/spec.js";
import { addCost, type Cost, type TrialRecord } from "../../storage/index.js";
import { decideHeuristically } from "./heuristic-policy.js";
import { configOf, trialByNumber } from "./plan-items.js";
import { resolveResearchOptions, type ResearchOptions, type ResolvedResearchOptions } from "./research-options.js";
import { recentSteps, RecordMemo } from "./research-records.js";
import { digestOf, ETA, researchState } from "./research-state.js";
import type { Decision, ResearchRecord, ResearchState, StepSummary, TrajectoryStep } from "./spec.js";

/** Policy calls per step: hypothesize steps fold into the next, so a step ends after at most this many. */
const MAX_CALLS = 3;
const HISTORY = 8;

/**
 * The research agent (after AutoLLMResearch, Guo et al. 2026): multi-fidelity configuration
 * research as a sequence of decisions. Each step, a policy reads the state of the research
 * (per fidelity level: runs, best values, spend, promotable configurations; how each level's
 * ranking agrees with the top's; the current hypotheses; the last steps) and chooses an
 * action: `explore` new configurations cheaply, `promote` chosen ones to a higher fidelity,
 * `hypothesize` about the landscape (no trial: folded into the next step), `extrapolate`
 * from a level that agrees with the top and run the predicted best there, or `exploit` at
 * the top. A step may ask for several trials; they are proposed one per ask.
 *
 * Every proposal carries `userAttrs.research` (step, action, reasoning, hypotheses, policy,
 * template ids; the step's first trial also its plan, cost and state in brief), so
 * `trajectory(trials)` reads a run back as its decisions. An LLM policy's spend is the first
 * trial's `optimizerCost`. The proposal depends only on the seed, the trial number and the
 * trials (records are read back from them), apart from the LLM's replies.
 *
 * @example
 * const sampler = researchOptimizer({ fidelity: { model: ordinal(["1M", "60M", "1B"]) }, seed: 0 }); // heuristic policy
 * const agent = researchOptimizer({ fidelity, llm: { model: "gpt-4o-mini" } }); // LLM policy
 * await study.optimize(objective, { budget: { gpu_hours: 100 } });
 * console.log(trajectory(study.trials).map((s) => `${s.step} ${s.action}: ${s.reasoning}`).join("\n"));
 */
export function researchOptimizer(options: ResearchOptions): Sampler {
  const resolved = resolveResearchOptions(options);
  const memo = new RecordMemo();
  const guard = { seed: resolved.seed, eta: ETA, levels: resolved.levels, stallLimit: resolved.stallLimit, budget: resolved.budget, costName: resolved.costName, continues: resolved.continues };
  // The guard keeps the run from stalling and keeps the last top-level evaluation for the end (see guardedScheduler).
  return guardedScheduler("research", guard, async (ctx: SamplerContext): Promise<Proposal> => {
      const recordOf = (trial: TrialRecord) => memo.recordOf(trial);
      const [last] = recentSteps(ctx.trials, recordOf, 1);
      const pending = last ? nextIndex(last, ctx, memo) : 0;
      const { record, cost } =
        last && pending < last.plan.length ? { record: continued(last, pending), cost: {} } : await newStep(resolved, ctx, recentSteps(ctx.trials, recordOf, HISTORY));
      const config = await configOf(record.item, ctx, resolved.inner, resolved.levels);
      memo.set(ctx.trialNumber, config, record);
      const from = resumeFrom(trialsByLevel(ctx.trials, resolved.levels), config, record.item.level);
      return {
        config,
        fidelity: { ...resolved.levels.levels[record.item.level].fidelity },
        ...(from !== undefined ? { resumeFrom: from } : {}),
        ...(Object.keys(cost).length > 0 ? { optimizerCost: cost } : {}),
        userAttrs: { research: record },
      };
  });
}

/** Position in the step's plan of the next trial: one past the highest recorded. */
function nextIndex(step: TrajectoryStep, ctx: SamplerContext, memo: RecordMemo): number {
  let highest = -1;
  for (const number of step.trials) {
    const trial = trialByNumber(ctx.trials, number);
    const record = trial ? memo.recordOf(trial) : undefined;
    if (record) highest = Math.max(highest, record.index);
  }
  return highest + 1;
}

/** The record of the next trial of a step already decided. */
function continued(step: TrajectoryStep, index: number): ResearchRecord {
  return {
    step: step.step,
    index,
    size: step.plan.length,
    action: step.action,
    reasoning: step.reasoning,
    hypotheses: step.hypotheses,
    policy: step.policy,
    templates: step.templates,
    item: step.plan[index],
  };
}

/**
 * Decides a new step: asks the policy until it chooses an action that runs trials, folding
 * `hypothesize` answers (up to MAX_CALLS - 1) into the step. A policy that still names no
 * trial gets the heuristic's decision, with the reason recorded.
 */
async function newStep(options: ResolvedResearchOptions, ctx: SamplerContext, steps: readonly TrajectoryStep[]): Promise<{ record: ResearchRecord; cost: Cost }> {
  const last = steps.at(-1);
  const step = last ? last.step + 1 : 0;
  let hypotheses = last?.hypotheses ?? [];
  const history: StepSummary[] = steps.map((s) => ({ step: s.step, action: s.action, reasoning: s.reasoning, trials: s.trials }));
  const cost: Cost = {};
  const rollouts: string[] = [];
  const notes: Omit<Decision, "plan">[] = [];
  let decision: Decision | null = null;
  let state: ResearchState | null = null;
  for (let call = 0; call < MAX_CALLS && !decision; call++) {
    state = researchState({ ctx, levels: options.levels, seed: options.seed, step, call, mayHypothesize: call < MAX_CALLS - 1, costName: options.costName, budgetShare: options.budgetShare, hypotheses, history });
    const made = await options.policy.decide(state);
    if (made.cost) addCost(cost, made.cost);
    if (made.rollouts) rollouts.push(...made.rollouts);
    if (made.action !== "hypothesize" && made.plan.length > 0) {
      decision = made;
    } else {
      const { plan: _plan, ...note } = made;
      notes.push(note);
      hypotheses = made.hypotheses;
    }
  }
  if (decision) checkPlan(decision, options);
  if (!decision) {
    const fallback = decideHeuristically({ ...state!, mayHypothesize: false, hypotheses });
    decision = { ...fallback, fallback: `the ${options.policy.name} policy chose no trial in ${MAX_CALLS} calls; the heuristic decided this step` };
  }
  const record: ResearchRecord = {
    step,
    index: 0,
    size: decision.plan.length,
    action: decision.action,
    reasoning: decision.reasoning,
    hypotheses: decision.hypotheses,
    policy: decision.policy,
    templates: decision.templates,
    item: decision.plan[0],
    plan: decision.plan,
    ...(Object.keys(cost).length > 0 ? { cost } : {}),
    ...(rollouts.length > 0 ? { rollouts } : {}),
    ...(decision.fallback ? { fallback: decision.fallback } : {}),
    ...(decision.predictions ? { predictions: decision.predictions } : {}),
    ...(notes.length > 0 ? { notes: notes.map(({ cost: _cost, rollouts: _rollouts, ...note }) => note) } : {}),
    state: digestOf(state!),
  };
  return { record, cost };
}

/** A custom policy's plan must name levels of the ladder (the built-in policies' always do). */
function checkPlan(decision: Decision, options: ResolvedResearchOptions): void {
  const top = options.levels.count - 1;
  const bad = decision.plan.find((item) => !Number.isInteger(item.level) || item.level < 0 || item.level > top);
  if (bad) {
    throw new KnobsError("research_bad_plan", `research policy "${options.policy.name}" planned a trial at level ${JSON.stringify(bad.level)}: levels go from 0 to ${top}`);
  }
}
