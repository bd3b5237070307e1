import { z } from "zod";
import { parseOptions } from "../../errors/index.js";
import type { Sampler } from "../../samplers/spec.js";
import type { Config } from "../../space/index.js";
import { llmOptionSchema, type AgentLlmOptions } from "../core/index.js";

/**
 * How much of each trial's execution trace an update's prompt shows. The trace is the
 * trial's `userAttrs.feedback` (an array: one entry each, non-strings as JSON; a string:
 * one entry per line), then `error: <message>` for a failed or pruned trial. The prompt
 * keeps the last `entries` entries, then the last `chars` characters of those (joined by
 * newlines); a cut is marked with how much was left out. The trial's score and state are
 * always shown. A number `n` means `{ entries: n }` (chars keeps its default, 2000);
 * "all" means no cut at all.
 */
export type CreditHorizon = number | "all" | { entries?: number | null; chars?: number | null };

/** When the candidate artifacts are scored on the validation set, and how often. */
export interface ValidationOptions {
  /** Validate the starting artifact and then every `every`-th version (default 1: every version). */
  every?: number;
  /** Validation trials per validated version; its score is their mean (default 1). */
  trials?: number;
}

/** Options of `generativeOptimizer`. */
export interface GenerativeOptions {
  /** The optimizer's LLM: `{ model, baseURL?, apiKeyEnv?, temperature?, cache? }`. */
  llm: AgentLlmOptions;
  /** Seeds the held values of other parameters and names the LLM calls in a replay cache (default 0). */
  seed?: number;
  /** The text parameters the LLM may change (default: every `text` parameter of the space). */
  trainable?: string[];
  /**
   * The artifact the loop starts from (default: each trainable parameter's `default`). A
   * string when one parameter is trainable; else a map parameter name -> text (missing
   * names keep their default).
   */
  startingArtifact?: string | Record<string, string>;
  /** Finished training trials of the current artifact batched into one update (default 3). */
  minibatch?: number;
  /** How much of each trial's trace the update prompt shows (default { entries: null, chars: 2000 }). */
  creditHorizon?: CreditHorizon;
  /** Past updates (diff + resulting score) the update prompt shows (default 3; 0 shows none). */
  memory?: number;
  /** Validation schedule (default { every: 1, trials: 1 }); false: no validation trials. */
  validation?: ValidationOptions | false;
  /** Values of other (non-trainable) parameters, held for the whole run. */
  fixed?: Config;
  /**
   * A sampler for the other parameters not in `fixed`, asked at every trial. Default: one
   * random valid configuration drawn from `seed` and held for the whole run, so training
   * scores differ only by the artifact.
   */
  inner?: Sampler;
  /** What the artifact is for, shown to the LLM (default: a generic description). */
  task?: string;
  /** For `code` artifacts: reject a reply whose code does not parse as an ES module (default true). */
  syntaxCheck?: boolean;
  /** Attempts per update when the reply is not usable (default 3). */
  attempts?: number;
  /** Output token cap of each update call (default 4000). */
  maxTokens?: number;
}

export interface CheckedGenerativeOptions {
  seed: number;
  trainable: string[] | null;
  startingArtifact: string | Record<string, string> | null;
  minibatch: number;
  creditHorizon: { entries: number | null; chars: number | null };
  memory: number;
  validation: { every: number; trials: number } | null;
  fixed: Config;
  inner: Sampler | null;
  task: string;
  syntaxCheck: boolean;
  attempts: number;
  maxTokens: number;
}

const positiveInt = z.number().int().min(1);
const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** The options `generativeOptimizer` takes. */
export const generativeOptionsSchema = z.strictObject({
  llm: llmOptionSchema,
  seed: z.number().int().optional(),
  trainable: z.array(z.string().min(1)).min(1).optional(),
  startingArtifact: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  minibatch: positiveInt.optional(),
  creditHorizon: z
    .union([positiveInt, z.literal("all"), z.strictObject({ entries: positiveInt.nullable().optional(), chars: positiveInt.nullable().optional() })])
    .optional(),
  memory: z.number().int().min(0).optional(),
  validation: z.union([z.literal(false), z.strictObject({ every: positiveInt.optional(), trials: positiveInt.optional() })]).optional(),
  fixed: z.record(z.string(), value).optional(),
  inner: z.custom<Sampler>((given) => typeof (given as Sampler | null)?.doAsk === "function", "expected a Sampler (an object with doAsk)").optional(),
  task: z.string().min(1).optional(),
  syntaxCheck: z.boolean().optional(),
  attempts: positiveInt.optional(),
  maxTokens: positiveInt.optional(),
});

export const DEFAULT_TASK = "The artifact configures a system under test; each trial runs the system with it on a minibatch of examples.";

/** Checks the options and fills in defaults; a bad option is a ValidationError naming the field. */
export function checkGenerativeOptions(options: unknown): CheckedGenerativeOptions {
  const given = parseOptions(generativeOptionsSchema, options, "generative optimizer");
  return {
    seed: given.seed ?? 0,
    trainable: given.trainable ?? null,
    startingArtifact: given.startingArtifact ?? null,
    minibatch: given.minibatch ?? 3,
    creditHorizon: horizonOf(given.creditHorizon),
    memory: given.memory ?? 3,
    validation: given.validation === false ? null : { every: given.validation?.every ?? 1, trials: given.validation?.trials ?? 1 },
    fixed: given.fixed ?? {},
    inner: given.inner ?? null,
    task: given.task ?? DEFAULT_TASK,
    syntaxCheck: given.syntaxCheck ?? true,
    attempts: given.attempts ?? 3,
    maxTokens: given.maxTokens ?? 4000,
  };
}

function horizonOf(given: CreditHorizon | undefined): { entries: number | null; chars: number | null } {
  if (given === undefined) return { entries: null, chars: 2000 };
  if (given === "all") return { entries: null, chars: null };
  if (typeof given === "number") return { entries: given, chars: 2000 };
  return { entries: given.entries ?? null, chars: given.chars === undefined ? 2000 : given.chars };
}
