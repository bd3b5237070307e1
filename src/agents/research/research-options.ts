import { z } from "zod";
import { InvalidOptionsError, parseOptions } from "../../errors/index.js";
import { DEFAULT_STALL_LIMIT, fidelityLevels, rungLadder, type FidelityInput, type FidelityLevels } from "../../fidelity/index.js";
import { isSampler, randomSampler } from "../../samplers/index.js";
import type { Sampler } from "../../samplers/spec.js";
import { llmOptionSchema, resolveAgentLlm, type AgentLlmOptions } from "../core/index.js";
import { heuristicPolicy } from "./heuristic-policy.js";
import { llmPolicy } from "./llm-policy.js";
import { ETA } from "./research-state.js";
import type { ResearchPolicy } from "./spec.js";

/** Options of `researchOptimizer`. */
export interface ResearchOptions {
  /**
   * The fidelity: a Space (or its JSON) of ordinal / int / float parameters, an explicit
   * list of levels lowest first, or ready `FidelityLevels` (numeric ranges get the
   * schedulers' ladder, eta = 3). Required.
   */
  fidelity: FidelityInput;
  /** Seeds the policy's choices, the inner sampler and the LLM calls' rollout ids (default 0). */
  seed?: number;
  /**
   * Who decides each step: "llm" (the default when `llm` is given), "heuristic" (the default
   * otherwise; no LLM), or a `ResearchPolicy` object.
   */
  policy?: "heuristic" | "llm" | ResearchPolicy;
  /** The LLM of the "llm" policy: `{ model, baseURL?, apiKeyEnv?, temperature?, cache? }`. */
  llm?: AgentLlmOptions;
  /**
   * Proposes the new configurations of `explore` steps (default the random sampler with
   * `seed`). A study config names it (`inner: qmc`); `createOptimizer` makes it.
   */
  inner?: Sampler;
  /**
   * Share of the spend the top (full) fidelity may take before the heuristic goes back to
   * cheaper levels (default 0.5). Shown to the LLM policy as the aim.
   */
  budgetShare?: number;
  /**
   * The cost the spend is counted in, e.g. "usd" or "gpu_hours" (default: the first cost
   * the trials report; with none, each level's resource per trial).
   */
  costName?: string;
  /** As the schedulers' `stallLimit`: repeated (configuration, level) proposals tolerated (default 0). */
  stallLimit?: number;
  /** As the schedulers' `budget`: the study's budget, so the last top-level evaluation is kept for the end. */
  budget?: Record<string, number>;
  /** As the schedulers' `fidelityCost`: `continue` when the levels are checkpoints of one run. */
  fidelityCost?: "continue" | "full";
}

/** Options after defaults and checks. */
export interface ResolvedResearchOptions {
  seed: number;
  levels: FidelityLevels;
  policy: ResearchPolicy;
  inner: Sampler;
  budgetShare: number;
  costName: string | null;
  stallLimit: number;
  budget: Record<string, number> | null;
  continues: boolean;
}

const isPolicy = (value: unknown): value is ResearchPolicy =>
  value !== null && typeof value === "object" && typeof (value as ResearchPolicy).decide === "function" && typeof (value as ResearchPolicy).name === "string";

/** The options `researchOptimizer` takes. */
export const researchOptionsSchema = z
  .object({
    fidelity: z.custom<FidelityInput>((value) => value !== null && typeof value === "object", {
      message: "expected a fidelity space, a list of levels or FidelityLevels (the research agent is multi-fidelity)",
    }),
    seed: z.number().int().optional(),
    policy: z
      .union([z.enum(["heuristic", "llm"]), z.custom<ResearchPolicy>(isPolicy)], { message: 'expected "heuristic", "llm" or an object with name and decide(state)' })
      .optional(),
    llm: llmOptionSchema,
    inner: z.custom<Sampler>(isSampler, { message: "expected a Sampler (an object with doAsk)" }).optional(),
    budgetShare: z.number().gt(0).max(1).optional(),
    costName: z.string().min(1).optional(),
    stallLimit: z.number().int().min(0).optional(),
    budget: z.record(z.string(), z.number().min(0)).optional(),
    fidelityCost: z.enum(["continue", "full"]).optional(),
  })
  .strict();

/** Checks the options (one ValidationError naming every bad field) and fills in defaults. */
export function resolveResearchOptions(options: ResearchOptions): ResolvedResearchOptions {
  parseOptions(researchOptionsSchema, options, "research optimizer");
  const seed = options.seed ?? 0;
  const choice = options.policy ?? (options.llm !== undefined ? "llm" : "heuristic");
  if (choice === "llm" && options.llm === undefined) {
    const issue = { code: "missing", path: ["llm"], message: 'the "llm" policy needs `llm`, e.g. { model: "gpt-4o-mini" }' };
    throw new InvalidOptionsError("research optimizer", [issue], Object.keys(researchOptionsSchema.shape));
  }
  const policy = choice === "heuristic" ? heuristicPolicy() : choice === "llm" ? llmPolicy({ llm: resolveAgentLlm(options.llm, "research") }) : choice;
  const inner = options.inner ?? randomSampler({ seed });
  return {
    seed,
    // The rungs by resource (free levels dropped, a geometric subset of a long ladder); fixed for the run, since records name levels by index.
    levels: rungLadder(fidelityLevels(options.fidelity, { eta: ETA }), [], { eta: ETA, configurations: Infinity }).ladder,
    policy,
    inner,
    budgetShare: options.budgetShare ?? 0.5,
    costName: options.costName ?? null,
    stallLimit: options.stallLimit ?? DEFAULT_STALL_LIMIT,
    budget: options.budget ?? null,
    continues: options.fidelityCost === "continue",
  };
}
