import { z } from "zod";
import { parseOptions } from "../../errors/index.js";
import { isSampler, tpeSampler } from "../../samplers/index.js";
import type { Sampler } from "../../samplers/spec.js";
import { llmOptionSchema, resolveAgentLlm, type AgentLlm, type AgentLlmOptions } from "../core/index.js";

/** Options of `hybridOptimizer`. */
export interface HybridOptions {
  /** The LLM that proposes its share of trials; without it, every trial is the classical optimizer's. */
  llm?: AgentLlmOptions;
  /**
   * The classical optimizer (default TPE with `seed`). A study config names it
   * (`classical: cmaes`); `createOptimizer` makes it.
   */
  classical?: Sampler;
  /** Share of the trials the LLM proposes, spread evenly (default 0.3). */
  share?: number;
  /** Trials before the LLM's first turn, so it has a history to read (default 5). */
  startupTrials?: number;
  /** Best trials shown to the LLM (default 5). */
  topTrials?: number;
  /** Most recent trials shown to the LLM (default 20). */
  historyTrials?: number;
  /** Attempts per LLM proposal, the first included (default 2). */
  attempts?: number;
  /** Consecutive failed LLM calls (endpoint down) after which the LLM is not asked again (default 3). */
  maxFailures?: number;
  /** What the objective measures, in a sentence, for the prompt (default: the objectives' names). */
  task?: string;
  /** Seeds the classical optimizer and the rollout ids (default 0). */
  seed?: number;
}

export interface ResolvedHybridOptions {
  llm: AgentLlm | null;
  classical: Sampler;
  share: number;
  startupTrials: number;
  topTrials: number;
  historyTrials: number;
  attempts: number;
  maxFailures: number;
  task: string | null;
  seed: number;
}

/** The options `hybridOptimizer` takes. */
export const hybridOptionsSchema = z
  .object({
    llm: llmOptionSchema,
    classical: z.custom<Sampler>(isSampler, { message: "expected a Sampler (an object with doAsk)" }).optional(),
    share: z.number().min(0).max(1).optional(),
    startupTrials: z.int().min(0).optional(),
    topTrials: z.int().min(1).optional(),
    historyTrials: z.int().min(0).optional(),
    attempts: z.int().min(1).optional(),
    maxFailures: z.int().min(1).optional(),
    task: z.string().min(1).optional(),
    seed: z.int().optional(),
  })
  .strict();

/** Checks the options (one ValidationError naming every bad field) and fills in defaults. */
export function resolveHybridOptions(options: HybridOptions = {}): ResolvedHybridOptions {
  parseOptions(hybridOptionsSchema, options, "hybrid optimizer");
  const seed = options.seed ?? 0;
  return {
    llm: options.llm === undefined ? null : resolveAgentLlm(options.llm, "hybrid"),
    classical: options.classical ?? tpeSampler({ seed }),
    share: options.share ?? 0.3,
    startupTrials: options.startupTrials ?? 5,
    topTrials: options.topTrials ?? 5,
    historyTrials: options.historyTrials ?? 20,
    attempts: options.attempts ?? 2,
    maxFailures: options.maxFailures ?? 3,
    task: options.task ?? null,
    seed,
  };
}
