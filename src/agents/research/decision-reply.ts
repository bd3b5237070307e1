import { z } from "zod";
import { configKey } from "../../fidelity/config-key.js";
import type { Config } from "../../space/index.js";
import { RESEARCH_ACTIONS, type Decision, type PlanItem, type Prediction, type ResearchState } from "./spec.js";

/** An LLM policy's reply, after the schema's checks. */
export interface DecisionReply {
  action: Decision["action"];
  reasoning: string;
  hypotheses?: string[];
  configs?: Config[];
  count?: number;
  level?: number;
  trials?: number[];
}

/**
 * The zod schema of a reply in this state. Besides the shape, it checks what only the
 * state knows, so `askJson` sends the problem back and asks again: every configuration
 * belongs to the search space, every trial number names a complete trial, a promotion goes
 * up to a level where that configuration has not run, and `hypothesize` is refused on the
 * step's last call.
 */
export function replySchema(state: ResearchState): z.ZodType<DecisionReply> {
  const top = state.levels.length - 1;
  const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
  return z
    .object({
      action: z.enum(RESEARCH_ACTIONS as [Decision["action"], ...Decision["action"][]]),
      reasoning: z.string().min(1, "give the reasoning behind the action"),
      hypotheses: z.array(z.string().min(1)).max(12).optional(),
      configs: z.array(z.record(z.string(), value)).max(state.maxBatch).optional(),
      count: z.number().int().min(1).max(state.maxBatch).optional(),
      level: z.number().int().min(0).max(top).optional(),
      trials: z.array(z.number().int()).max(state.maxBatch).optional(),
    })
    .superRefine((reply, ctx) => {
      for (const problem of replyProblems(reply, state)) ctx.addIssue({ code: "custom", message: problem.message, path: problem.path });
    });
}

/** What is wrong with a well-shaped reply in this state (empty when it can be followed). */
export function replyProblems(reply: DecisionReply, state: ResearchState): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const top = state.levels.length - 1;
  if (reply.action === "hypothesize" && !state.mayHypothesize) {
    problems.push({ path: ["action"], message: "hypotheses were already written this step: choose explore, promote, extrapolate or exploit" });
  }
  if (reply.action === "explore" || reply.action === "exploit") {
    (reply.configs ?? []).forEach((config, i) => {
      for (const issue of state.space.check(config as Config)) problems.push({ path: ["configs", i, ...issue.path], message: issue.message });
    });
  }
  if (reply.action === "promote" || reply.action === "extrapolate") {
    if (!reply.trials || reply.trials.length === 0) problems.push({ path: ["trials"], message: `name the trial numbers to ${reply.action}` });
    const complete = completeLevels(state);
    const examples = state.levels.flatMap((level) => level.candidates.map((c) => `#${c.number}`)).slice(0, 5);
    (reply.trials ?? []).forEach((number, i) => {
      const level = complete.get(number);
      if (level === undefined) {
        const known = examples.length ? ` (promotable now: ${examples.join(", ")})` : "";
        problems.push({ path: ["trials", i], message: `unknown trial number ${number}: name a complete trial listed in the state${known}` });
        return;
      }
      const target = targetLevel(reply, level, top);
      if (level === top) {
        problems.push({ path: ["trials", i], message: `trial ${number} already ran at the top level (${top}): there is nothing higher` });
      } else if (target <= level || target > top) {
        problems.push({ path: ["trials", i], message: `trial ${number} ran at level ${level}: it can only go to a level from ${level + 1} to ${top}` });
      } else if (startedAt(state, target).has(configKey(trialConfig(state, number, level)))) {
        problems.push({ path: ["trials", i], message: `trial ${number}'s configuration has already run at level ${target}` });
      }
    });
  }
  return problems;
}

/** The step a checked reply asks for. */
export function decisionOf(reply: DecisionReply, state: ResearchState): Omit<Decision, "policy" | "templates"> {
  const top = state.levels.length - 1;
  const hypotheses = reply.hypotheses ?? state.hypotheses;
  const base = { action: reply.action, reasoning: reply.reasoning, hypotheses };
  if (reply.action === "hypothesize") return { ...base, plan: [] };
  if (reply.action === "explore" || reply.action === "exploit") {
    const level = reply.action === "exploit" ? top : (reply.level ?? 0);
    const configs = reply.configs ?? [];
    const count = Math.min(state.maxBatch, Math.max(configs.length, reply.count ?? (configs.length || state.eta)));
    const plan: PlanItem[] = Array.from({ length: count }, (_, i) => (i < configs.length ? { kind: "config", level, config: configs[i] } : { kind: "inner", level }));
    return { ...base, plan };
  }
  const complete = completeLevels(state);
  const trials = [...new Set(reply.trials ?? [])];
  const plan: PlanItem[] = trials.map((trial) => ({ kind: "promote", level: targetLevel(reply, complete.get(trial)!, top), trial }));
  const predictions = reply.action === "extrapolate" ? predictionsOf(trials, complete, state) : [];
  return { ...base, plan, ...(predictions.length ? { predictions } : {}) };
}

function targetLevel(reply: DecisionReply, level: number, top: number): number {
  return reply.action === "extrapolate" ? top : (reply.level ?? level + 1);
}

/** Level of each complete trial (the highest, should a number appear twice). */
function completeLevels(state: ResearchState): Map<number, number> {
  const out = new Map<number, number>();
  state.byLevel.forEach((trials, level) => {
    for (const trial of trials) if (trial.state === "complete") out.set(trial.number, level);
  });
  return out;
}

function trialConfig(state: ResearchState, number: number, level: number): Config {
  return state.byLevel[level].find((trial) => trial.number === number)!.config;
}

function startedAt(state: ResearchState, level: number): Set<string> {
  return new Set(state.byLevel[level].map((trial) => configKey(trial.config)));
}

/** Predicted top values of extrapolated trials, where their level has a map onto the top. */
function predictionsOf(trials: readonly number[], complete: Map<number, number>, state: ResearchState): Prediction[] {
  const out: Prediction[] = [];
  for (const number of trials) {
    const level = complete.get(number)!;
    const map = state.agreement[level]?.top;
    const trial = state.byLevel[level].find((t) => t.number === number);
    if (!map || map.slope === null || map.intercept === null || !trial?.values) continue;
    out.push({ trial: number, level, value: trial.values[0], predicted: map.intercept + map.slope * trial.values[0] });
  }
  return out;
}
