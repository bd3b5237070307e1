import { z } from "zod";
import { InvalidOptionsError, parseOptions, ValidationError } from "../../errors/index.js";
import type { Config } from "../../space/index.js";
import { llmOptionSchema, type AgentLlmOptions } from "../core/index.js";

/** Options of `allocationOptimizer`. */
export interface AllocationOptions {
  /** The agent's LLM (see AgentLlmOptions): `{ model, baseURL?, apiKeyEnv?, temperature?, cache? }`. */
  llm: AgentLlmOptions;
  /** Total compute budget of one allocation, in the units of `compute`. Allocations over it never run. */
  budget: number;
  /**
   * Planned compute of an allocation (a config of the space), e.g. a multi-stage pipeline's
   * `plannedCompute` in AgentTTS units (one 3B call = 1). Should grow with the sample counts.
   * Default (needs `modelSizes`): the sum over stages of samples x model size / 3, i.e. one
   * sample of a 3B model costs 1 and prompt prefill is ignored.
   */
  compute?: (config: Config) => number;
  /** Model sizes in billions of parameters, by model name: shown in the prompts (and used by the default `compute`). */
  modelSizes?: Record<string, number>;
  /** Candidate allocations the LLM proposes per round (default 4). */
  batchSize?: number;
  /** Seeds the fallback proposals and names the LLM calls in a replay cache (default 0). */
  seed?: number;
  /** What the task is and what each stage does, for the prompts (default: a generic description). */
  task?: string;
  /** Requests for a batch per round when every proposed candidate is dropped, before falling back (default 2). */
  proposalAttempts?: number;
  /** Attempts per request when the reply is not usable JSON or a refusal (default 3). */
  replyAttempts?: number;
  /** Finished trials shown in a prompt at most: the best quarter and the most recent rest (default 40). */
  historyLimit?: number;
  /** Output token cap of each call (default 2000). */
  maxTokens?: number;
}

/** Options with their defaults filled in (the LLM is resolved separately). */
export type CheckedAllocationOptions = Required<Omit<AllocationOptions, "compute" | "modelSizes" | "llm">> & {
  compute: (config: Config) => number;
  modelSizes: Record<string, number> | null;
};

const positiveInt = z.number().int().min(1);

/** The options `allocationOptimizer` takes. */
export const allocationOptionsSchema = z.strictObject({
  llm: llmOptionSchema,
  budget: z.number().positive().finite(),
  compute: z.custom<(config: Config) => number>((value) => typeof value === "function", "expected a function (config) => number").optional(),
  modelSizes: z.record(z.string(), z.number().positive().finite()).optional(),
  batchSize: positiveInt.optional(),
  seed: z.number().int().optional(),
  task: z.string().min(1).optional(),
  proposalAttempts: positiveInt.optional(),
  replyAttempts: positiveInt.optional(),
  historyLimit: z.number().int().min(4).optional(),
  maxTokens: positiveInt.optional(),
});

/**
 * Checks the options and fills in defaults; a bad option is a ValidationError naming the
 * field. Without `compute`, `modelSizes` is needed for the default compute model.
 */
export function checkAllocationOptions(options: unknown): CheckedAllocationOptions {
  const given = parseOptions(allocationOptionsSchema, options, "allocation optimizer");
  const modelSizes = given.modelSizes ?? null;
  if (!given.compute && !modelSizes) {
    throw new InvalidOptionsError(
      "allocation optimizer",
      [{ code: "missing", path: ["compute"], message: "expected a function (config) => planned compute, or `modelSizes` for the default (samples x size / 3 per stage)" }],
      Object.keys(allocationOptionsSchema.shape),
    );
  }
  return {
    budget: given.budget,
    compute: given.compute ?? sizeProportionalCompute(modelSizes as Record<string, number>),
    modelSizes,
    batchSize: given.batchSize ?? 4,
    seed: given.seed ?? 0,
    task: given.task ?? "A multi-stage task: the stages run in order, each on the outputs of the ones before.",
    proposalAttempts: given.proposalAttempts ?? 2,
    replyAttempts: given.replyAttempts ?? 3,
    historyLimit: given.historyLimit ?? 40,
    maxTokens: given.maxTokens ?? 2000,
  };
}

/**
 * The default compute model: per stage, samples x size (billions) / 3, so one sample of a 3B
 * model costs 1 (AgentTTS's unit without its prompt-prefill term). Throws on a model without a size.
 */
export function sizeProportionalCompute(modelSizes: Record<string, number>): (config: Config) => number {
  return (config) => {
    let total = 0;
    for (const [name, value] of Object.entries(config)) {
      if (!name.endsWith(".model")) continue;
      const size = Object.hasOwn(modelSizes, String(value)) ? modelSizes[String(value)] : undefined;
      if (size === undefined) throw new ValidationError([{ code: "missing", path: ["modelSizes", String(value)], message: "no size for this model" }], "allocation optimizer");
      total += (Number(config[`${name.slice(0, -".model".length)}.samples`]) * size) / 3;
    }
    return total;
  };
}
