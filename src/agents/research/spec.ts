/**
 * The research agent's vocabulary: the actions of a research step, the state a policy
 * sees, the decision it returns, and the record each trial keeps of it. Types only.
 */
import type { LevelCorrelation } from "../../fidelity/index.js";
import type { Rng } from "../../math/index.js";
import type { Config, Space } from "../../space/index.js";
import type { Cost, Objective, TrialRecord } from "../../storage/spec.js";

/**
 * What a research step does. `explore`: new configurations, usually at a cheap fidelity.
 * `promote`: configurations already run at one level, run again higher up. `hypothesize`:
 * write down what the runs so far say about the landscape (no trial; folded into the next
 * step's record). `extrapolate`: predict top-level values from a lower level that agrees
 * with the top, and run the predicted best there. `exploit`: candidates run at the top.
 */
export type ResearchAction = "explore" | "promote" | "hypothesize" | "extrapolate" | "exploit";

/** The actions, in the order prompts and docs list them. */
export const RESEARCH_ACTIONS: readonly ResearchAction[] = ["explore", "promote", "hypothesize", "extrapolate", "exploit"];

/**
 * One trial a step asks for, at fidelity level `level`. Configurations are made when the
 * trial is asked (from that trial's random stream), so a plan is data, not configurations.
 */
export type PlanItem =
  /** A new configuration from the inner sampler. */
  | { kind: "inner"; level: number }
  /** A new configuration near trial `trial`'s one (Gaussian step of sd `scale` in the unit cube). */
  | { kind: "near"; level: number; trial: number; scale: number }
  /** A configuration written by the policy. */
  | { kind: "config"; level: number; config: Config }
  /** Trial `trial`'s configuration, run again at `level`. */
  | { kind: "promote"; level: number; trial: number };

/** A predicted top-level value, from a lower level's map onto the top (see `extrapolate`). */
export interface Prediction {
  trial: number;
  level: number;
  /** The value at its level, and the value the map predicts at the top. */
  value: number;
  predicted: number;
}

/** What a policy decided for one step. */
export interface Decision {
  action: ResearchAction;
  /** Why: the justification a reader of the trajectory sees. */
  reasoning: string;
  /** The hypotheses after this step (the whole list; a step may leave them as they were). */
  hypotheses: string[];
  /** The trials to run, in order; empty for `hypothesize`. */
  plan: PlanItem[];
  /** Who decided: "heuristic", "llm", or a custom policy's name. */
  policy: string;
  /** Ids of the prompt templates used (`research/decide.v1`, ...). */
  templates: string[];
  /** What deciding cost (LLM calls); charged to the first trial of the step. */
  cost?: Cost;
  /** Replay-cache rollout ids of the LLM calls made for this decision. */
  rollouts?: string[];
  /** Set when the policy could not decide and another one did: why. */
  fallback?: string;
  predictions?: Prediction[];
}

/** A research policy: reads the state of the research, decides the next step. */
export interface ResearchPolicy {
  readonly name: string;
  decide(state: ResearchState): Promise<Decision>;
}

/** A complete trial as the state lists it: number, value of the first objective, configuration. */
export interface TrialSummary {
  number: number;
  value: number;
  config: Config;
}

/** One fidelity level as the policy sees it. */
export interface LevelState {
  index: number;
  fidelity: Config;
  resource: number;
  complete: number;
  running: number;
  /** Failed or pruned. */
  failed: number;
  /** Spend at this level in the budgeted cost (`costName`), running trials predicted; else trials x resource. */
  spent: number;
  /** Finished trials' costs, summed by name. */
  cost: Cost;
  /** Best complete trials (distinct configurations), best first; at most five. */
  best: TrialSummary[];
  /** Promotable: in the top 1/eta of this level and not yet started higher (successive halving's rule). */
  candidates: TrialSummary[];
}

/** How far a level's ranking can be trusted about the top's, from configurations seen at both. */
export type Verdict = "agrees" | "weak" | "misleads" | "unknown";

/** A level against the top level and against the next level up. */
export interface LevelAgreement {
  level: number;
  /** Against the top level: Spearman, pairs and the linear map (see `fidelityCorrelation`). */
  top: LevelCorrelation;
  /** Against the next level up (the same as `top` for the level just below the top). */
  next: LevelCorrelation;
  /** `agrees` (rho >= 0.5), `weak` (>= 0.2), `misleads` (< 0.2) over >= 5 pairs with the top, else `unknown`. */
  verdict: Verdict;
}

/** A step already taken, as later steps see it. */
export interface StepSummary {
  step: number;
  action: ResearchAction;
  reasoning: string;
  trials: number[];
}

/** Everything a policy sees when deciding a step. */
export interface ResearchState {
  /** Number of the step being decided (0 first). */
  step: number;
  /** The trial this decision is asked for, and the optimizer's seed: rollout ids come from them. */
  trialNumber: number;
  seed: number;
  /** Policy calls made already for this step (hypothesize steps fold into the next one). */
  call: number;
  /** False on the last call of a step: the policy must choose an action that runs trials. */
  mayHypothesize: boolean;
  space: Space;
  objectives: readonly Objective[];
  /** Levels lowest first; the last is the top (full fidelity). */
  levels: LevelState[];
  /** One per level below the top. */
  agreement: LevelAgreement[];
  /** Best complete trial at the top level, or null. */
  incumbent: TrialSummary | null;
  /** The budgeted cost name, or null when levels are weighed by their resource. */
  costName: string | null;
  /** Share of all spend at the top level now, and the share the research aims for. */
  topShare: number;
  budgetShare: number;
  /** Keep the top 1/eta of a level when promoting (3). */
  eta: number;
  /** Most trials one step may ask for. */
  maxBatch: number;
  hypotheses: string[];
  /** The last steps taken, oldest first (at most eight). */
  history: StepSummary[];
  /** The study's trials grouped by level (index 0 lowest): the raw data behind the summaries. */
  byLevel: readonly (readonly TrialRecord[])[];
  /** For a policy's random choices; seeded from (seed, trial number, call). */
  rng: Rng;
}

/** What one trial records of the step that asked for it (`userAttrs.research`). */
export interface ResearchRecord {
  step: number;
  /** Position of this trial in the step's plan, and the plan's length. */
  index: number;
  size: number;
  action: ResearchAction;
  reasoning: string;
  hypotheses: string[];
  policy: string;
  templates: string[];
  /** What this trial is. */
  item: PlanItem;
  /** On the step's first trial only: the whole plan, what deciding cost, and what came before it. */
  plan?: PlanItem[];
  cost?: Cost;
  rollouts?: string[];
  fallback?: string;
  predictions?: Prediction[];
  /** Hypothesize decisions made just before this step, folded into it. */
  notes?: Omit<Decision, "plan">[];
  /** The state the step was decided in, in brief. */
  state?: StateDigest;
}

/** A state in brief, for the trajectory: per level runs, best value and spend; agreement; top share. */
export interface StateDigest {
  levels: { index: number; complete: number; best: number | null; spent: number }[];
  agreement: { level: number; pairs: number; spearman: number | null; verdict: Verdict }[];
  topShare: number;
}

/** One step of a trajectory, rebuilt from the trials (see `trajectory`). */
export interface TrajectoryStep extends Omit<ResearchRecord, "index" | "size" | "item"> {
  plan: PlanItem[];
  /** The trials the step ran, in order. */
  trials: number[];
}
