import type { Objective, TrialRecord } from "../storage/spec.js";
import type { BracketPlan } from "./bracket-plan.js";
import { configKey } from "./config-key.js";
import type { CostModel } from "./cost-model.js";
import type { FidelityLevels } from "./levels.js";
import { rankDistinct } from "./rank-trials.js";

/** A bracket as rebuilt from the history: its plan and the trials of each rung. */
export interface Bracket {
  plan: BracketPlan;
  rungs: TrialRecord[][];
}

/** What a synchronous scheduler does next. */
export type SynchronousAction =
  | { kind: "promote"; trial: TrialRecord; level: number; bracket: number }
  | { kind: "new"; level: number; bracket: number };

/**
 * Rebuilds the brackets from the trials alone (their config, fidelity and state), in number
 * order. A trial at level L is a promotion when its configuration sits in the rung below L
 * of an open bracket (oldest first) and not yet at L; otherwise it is a new configuration
 * of the newest bracket, or of the next bracket of the sequence when the newest is full
 * and the next one starts at L. Anything else (e.g. an enqueued trial) is ignored.
 */
export function rebuildBrackets(trials: readonly TrialRecord[], levels: FidelityLevels, planOf: (bracket: number) => BracketPlan): Bracket[] {
  const brackets: Bracket[] = [];
  const keysOf: Set<string>[][] = [];
  const add = (b: number, rung: number, trial: TrialRecord, key: string) => {
    brackets[b].rungs[rung].push(trial);
    keysOf[b][rung].add(key);
  };
  for (const trial of trials) {
    if (trial.state === "queued") continue;
    const level = levels.indexOf(trial.fidelity);
    if (level < 0) continue;
    const key = configKey(trial.config);
    const home = brackets.findIndex((bracket, b) => {
      const rung = level - bracket.plan.base;
      return rung >= 1 && rung < bracket.rungs.length && keysOf[b][rung - 1].has(key) && !keysOf[b][rung].has(key);
    });
    if (home >= 0) {
      add(home, level - brackets[home].plan.base, trial, key);
      continue;
    }
    const newest = brackets.length - 1;
    if (newest >= 0 && brackets[newest].plan.base === level && brackets[newest].rungs[0].length < brackets[newest].plan.sizes[0]) {
      add(newest, 0, trial, key);
      continue;
    }
    const plan = planOf(brackets.length);
    if (plan.base !== level) continue;
    brackets.push({ plan, rungs: plan.sizes.map(() => []) });
    keysOf.push(plan.sizes.map(() => new Set()));
    add(brackets.length - 1, 0, trial, key);
  }
  return brackets;
}

/** Where one bracket stands: a promotion to make, new configurations wanted, waiting, or finished. */
type BracketStatus = { kind: "promote"; trial: TrialRecord; rung: number } | { kind: "fill" } | { kind: "busy" } | { kind: "done" };

/**
 * Walks a bracket's rungs bottom up. A rung is complete when it holds its planned trials
 * (the first rung) or all the promotions it will get (later rungs) and none is running;
 * only then are its best configurations promoted, best first (synchronous successive
 * halving). A rung's promotions are the top min(size, candidates) distinct configurations
 * of the rung below; with a cost model, promotions also stop at the cost cap; once the
 * rung above has started, the rung is closed.
 */
export function bracketStatus(bracket: Bracket, objectives: readonly Objective[], cost: CostModel | null): BracketStatus {
  const { rungs, plan } = bracket;
  if (rungs[0].length < plan.sizes[0]) return { kind: "fill" };
  for (let j = 0; j < rungs.length; j++) {
    if (rungs[j].some((trial) => trial.state === "running")) return { kind: "busy" };
    if (j === rungs.length - 1) return { kind: "done" };
    if (rungs[j + 2]?.length) continue;
    const promoted = new Set(rungs[j + 1].map((trial) => configKey(trial.config)));
    const best = rankDistinct(rungs[j], objectives).slice(0, plan.sizes[j + 1]);
    const next = best.find((trial) => !promoted.has(configKey(trial.config)));
    const level = plan.base + j + 1;
    if (next && (!cost || cost.allows(configKey(next.config), level, rungs[j], rungs[j + 1]))) {
      return { kind: "promote", trial: next, rung: j + 1 };
    }
  }
  return { kind: "done" };
}

/**
 * The next action of synchronous successive halving over a sequence of brackets: the
 * oldest bracket with a promotion ready promotes; otherwise the newest bracket takes a new
 * configuration, or, when it is full, the next bracket of the sequence starts. So parallel
 * workers never wait: while a rung waits for its last results, new brackets start.
 */
export function nextSynchronousAction(
  brackets: readonly Bracket[],
  planOf: (bracket: number) => BracketPlan,
  objectives: readonly Objective[],
  cost: CostModel | null,
): SynchronousAction {
  let fill = -1;
  for (let b = 0; b < brackets.length; b++) {
    const status = bracketStatus(brackets[b], objectives, cost);
    if (status.kind === "promote") return { kind: "promote", trial: status.trial, level: brackets[b].plan.base + status.rung, bracket: b };
    if (status.kind === "fill" && b === brackets.length - 1) fill = b;
  }
  if (fill >= 0) return { kind: "new", level: brackets[fill].plan.base, bracket: fill };
  return { kind: "new", level: planOf(brackets.length).base, bracket: brackets.length };
}
