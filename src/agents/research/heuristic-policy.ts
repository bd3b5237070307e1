import { levelVerdict } from "../../fidelity/index.js";
import { MIN_PAIRS, MISLEADS } from "./level-agreement.js";
import { fidelityLabel, formatValue, trialLabel } from "./describe.js";
import { extrapolate } from "./extrapolation.js";
import { claimOf, claimsOf, landscapeHypotheses } from "./landscape-hypotheses.js";
import type { Decision, PlanItem, ResearchAction, ResearchPolicy, ResearchState } from "./spec.js";

/** Most configurations of the first, cheap exploration. */
const MAX_INITIAL = 81;
/** Step size (sd in the unit cube) of a configuration drawn near a good one. */
const NEAR_SCALE = 0.1;
/** Good top-level runs that new configurations are drawn near. */
const ANCHORS = 3;

/**
 * The non-LLM research policy: the same steps an LLM researcher is asked to take, as fixed
 * rules, deterministic in the state. In order:
 *
 * 1. **Explore cheaply first**: eta^(levels - 1) new configurations (at most 81) at the
 *    lowest level, from the inner sampler.
 * 2. **Hypothesize** when the runs change what can be said about the landscape: which
 *    parameters matter and which way, and how each level's ranking agrees with the top's
 *    (see `landscapeHypotheses`). Costs no trial.
 * 3. **Extrapolate** from a level that agrees with the top (Spearman >= 0.5 over >= 5
 *    configurations seen at both): the promotable configuration whose predicted top value
 *    is best, if it could beat the best top result, runs at the top, skipping the levels
 *    between.
 * 4. **Promote** the top 1/eta of a level not yet run higher (successive halving's rule),
 *    highest level first; into the top one at a time, and only while the top level takes
 *    less than `budgetShare` of the spend. A level that agrees with the top promotes by
 *    extrapolation only; one that misleads promotes nothing.
 * 5. **Fall back to higher fidelity when low fidelity misleads** (or tells nothing: free,
 *    tied, or disagreeing with the next level up; see `uninformative`): new configurations start
 *    just above the highest such level (at the top, with no cap on its share, when
 *    the level below the top misleads); levels below it promote nothing.
 * 6. Otherwise **explore** eta new configurations (eta^2 while the top is capped) at that
 *    level, half near the best top-level runs (**exploit** when that level is the top),
 *    half from the inner sampler.
 *
 * @example
 * const sampler = researchOptimizer({ fidelity: { examples: int(10, 810) }, policy: heuristicPolicy() });
 */
export function heuristicPolicy(): ResearchPolicy {
  return { name: "heuristic", decide: async (state) => decideHeuristically(state) };
}

/** One step of the heuristic policy (synchronous; `heuristicPolicy` wraps it). */
export function decideHeuristically(state: ResearchState): Decision {
  const top = state.levels.length - 1;
  const decision = (action: ResearchAction, plan: PlanItem[], reasoning: string, extra: Partial<Decision> = {}): Decision => ({
    action,
    plan,
    reasoning,
    hypotheses: state.hypotheses,
    policy: "heuristic",
    templates: [],
    ...extra,
  });
  const label = (level: number) => fidelityLabel(state.levels[level].fidelity);

  const initial = Math.min(MAX_INITIAL, state.eta ** top, state.space.cardinality);
  const lowest = state.levels[0];
  const started = lowest.complete + lowest.running + lowest.failed;
  if (started < initial && state.levels.every((level, i) => i === 0 || level.complete + level.running === 0)) {
    const count = Math.min(initial - started, state.maxBatch);
    const plan = Array.from({ length: count }, () => ({ kind: "inner", level: 0 }) as PlanItem);
    const why = top === 0 ? "there is one fidelity level" : `runs at ${label(0)} cost about 1/${formatValue(state.levels[top].resource / lowest.resource)} of one at ${label(top)}`;
    return decision("explore", plan, `Start cheap: ${count} new configurations at ${label(0)} to map the landscape (${why}).`);
  }

  if (state.mayHypothesize) {
    const fresh = landscapeHypotheses(state);
    if (claimsOf(fresh) !== claimsOf(state.hypotheses)) {
      return decision("hypothesize", [], hypothesisReasoning(state.hypotheses, fresh), { hypotheses: fresh });
    }
  }

  const misleading = state.agreement.filter((a) => a.verdict === "misleads" || uninformative(state, a.level)).map((a) => a.level);
  const base = misleading.length ? Math.max(...misleading) + 1 : 0;
  const topStarted = state.levels[top].complete + state.levels[top].running > 0;
  const topOpen = base === top || !topStarted || state.topShare < state.budgetShare;
  const share = `the top level takes ${formatValue(state.topShare * 100)}% of the spend (aim: at most ${formatValue(state.budgetShare * 100)}%)`;

  if (topOpen) {
    const [best] = extrapolate(state);
    if (best) {
      const a = state.agreement[best.level];
      const beats = state.incumbent ? `, better than the best top result ${trialLabel(state.incumbent)}` : "";
      return decision(
        "extrapolate",
        [{ kind: "promote", level: top, trial: best.trial }],
        `${label(best.level)} agrees with the top (rho ${formatValue(a.top.spearman)} over ${a.top.pairs} configurations); its map predicts #${best.trial} (${formatValue(best.value)} there) at ${formatValue(best.predicted)} at ${label(top)}${beats}. Run it at the top, skipping the levels between.`,
        { predictions: [best] },
      );
    }
  }

  for (let level = top - 1; level >= base; level--) {
    const verdict = state.agreement[level].verdict;
    if (verdict === "agrees" && state.objectives.length === 1) continue;
    if (level + 1 === top && !topOpen) continue;
    const candidates = state.levels[level].candidates;
    if (candidates.length === 0) continue;
    const chosen = level + 1 === top ? candidates.slice(0, 1) : candidates.slice(0, state.maxBatch);
    const trust = verdict === "weak" ? `; this level agrees only loosely with the top (rho ${formatValue(state.agreement[level].top.spearman)}), so promote one level at a time` : "";
    return decision(
      "promote",
      chosen.map((c) => ({ kind: "promote", level: level + 1, trial: c.number })),
      `${chosen.map(trialLabel).join(", ")} ${chosen.length === 1 ? "is" : "are"} in the top 1/${state.eta} of the ${state.levels[level].complete} runs at ${label(level)} and not yet run higher${trust}. Run ${chosen.length === 1 ? "it" : "them"} at ${label(level + 1)}.`,
    );
  }

  const anchors = state.levels[top].best.slice(0, ANCHORS);
  // With the top capped, cheap levels are only being filled up to their share: larger batches, fewer steps.
  const count = topOpen ? state.eta : state.eta * state.eta;
  const plan: PlanItem[] = Array.from({ length: count }, (_, i) =>
    anchors.length > 0 && i % 2 === 0 ? { kind: "near", level: base, trial: anchors[(i / 2) % anchors.length].number, scale: NEAR_SCALE } : { kind: "inner", level: base },
  );
  const near = plan.filter((item) => item.kind === "near").length;
  const sources = near > 0 ? `${near} near the best top-level runs (${anchors.map(trialLabel).join(", ")}), ${plan.length - near} from the inner sampler` : "from the inner sampler";
  const agreeing = state.agreement.filter((a) => a.verdict === "agrees" && state.levels[a.level].candidates.length > 0);
  const held = agreeing.length
    ? ` (${agreeing.map((a) => `${state.levels[a.level].candidates.length} at ${label(a.level)}`).join(", ")} promotable, but none is predicted to beat the best top result)`
    : "";
  const why =
    base > 0
      ? `Low fidelity misleads about the top (${label(base - 1)}: rho ${formatValue(state.agreement[base - 1].top.spearman)}), so new configurations start higher`
      : topOpen
        ? `Nothing is ready to promote${held}`
        : `Nothing is ready to promote below the top${held}, and ${share}`;
  const action: ResearchAction = base === top && near > 0 ? "exploit" : "explore";
  return decision(action, plan, `${why}. Run ${plan.length} new configurations at ${label(base)}: ${sources}.`);
}

/**
 * A level that tells nothing about the ladder above it: free or tied in its first results
 * (see `levelVerdict`), or ranking configurations against the next level up (Spearman under
 * MISLEADS, or constant, over at least MIN_PAIRS configurations seen at both).
 */
export function uninformative(state: ResearchState, level: number): boolean {
  if (levelVerdict(state.levels[level].resource, state.byLevel[level] ?? []) !== null) return true;
  const next = state.agreement[level]?.next;
  return next !== undefined && next.pairs >= MIN_PAIRS && (next.spearman === null || next.spearman < MISLEADS);
}

function hypothesisReasoning(before: readonly string[], after: readonly string[]): string {
  const old = new Set(before.map(claimOf));
  const now = new Set(after.map(claimOf));
  const added = [...now].filter((c) => !old.has(c));
  const dropped = [...old].filter((c) => !now.has(c));
  const parts = [];
  if (added.length) parts.push(`new: ${added.join("; ")}`);
  if (dropped.length) parts.push(`no longer supported: ${dropped.join("; ")}`);
  return `The runs so far change the picture of the landscape (${parts.join(". ")}).`;
}
