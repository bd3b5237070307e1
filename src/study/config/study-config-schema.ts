import { z } from "zod";
import { DEFAULT_OPTIMIZER } from "../../samplers/index.js";
import { duplicateObjectiveIssues, studyNameIssues } from "../../storage/index.js";
import { MAX_CONCURRENCY } from "../optimize.js";

const direction = z.enum(["minimize", "maximize"]);
const duration = z.union([z.number().nonnegative(), z.string().regex(/^\s*\d+(\.\d+)?\s*(ms|s|m|h|d)?\s*$/, "expected a duration like 90s, 30m, 1h")]);

/** `objective:` — exactly one of command, module or task. */
const objectiveSchema = z
  .object({
    command: z.string().min(1).optional().describe("Shell command: reads {config, fidelity, seed, trial} JSON on stdin, prints the result JSON"),
    module: z.string().min(1).optional().describe("path/to/file.ts#exportName (default export without #): async (config, trial) => result"),
    task: z
      .string()
      .min(1)
      .optional()
      .describe("A task-ref: a built-in task id (knobs tasks), a tabular task folder or a corpus folder (relative to this file); its space, objectives and fidelity are the defaults"),
    env: z.record(z.string(), z.string()).optional().describe("Extra environment variables for `command`"),
  })
  .strict()
  .superRefine((value, ctx) => {
    const kinds = (["command", "module", "task"] as const).filter((k) => value[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({ code: "custom", message: `expected exactly one of command, module or task, received ${kinds.length ? kinds.join(" and ") : "none"}` });
    }
    if (value.env && !value.command) ctx.addIssue({ code: "custom", path: ["env"], message: "env applies to a command objective only" });
  });

/** `optimizer:` — a name, or `{name, seed, ...sampler options}`. */
const optimizerSchema = z.union([
  z.string().min(1),
  z.looseObject({ name: z.string().min(1).default(DEFAULT_OPTIMIZER), seed: z.number().int().nonnegative().default(0) }),
]);

/**
 * The study config of `knobs optimize` (DESIGN.md). Field docs travel into the published
 * JSON Schema (`schema/study-config.schema.json`).
 */
export const studyConfigSchema = z
  .object({
    study: z.string().min(1).describe("The study's name in the storage"),
    storage: z.string().min(1).optional().describe("Storage URL: sqlite:<file> (default sqlite:knobs.db, relative to the working directory), memory:, or postgres://user@host:port/database?schema=name"),
    objectives: z
      .array(z.object({ name: z.string().min(1), direction }).strict())
      .min(1)
      .optional()
      .describe("Objectives with directions; or `direction` for one objective named value"),
    direction: direction.optional(),
    space: z
      .union([z.object({ file: z.string().min(1) }).strict(), z.record(z.string(), z.unknown())])
      .optional()
      .describe(
        "The search space inline (DESIGN.md format: name -> {type: float|int|categorical|ordinal|text|simplex, ...}; a simplex is {type: simplex, components: [names], floor?, concentration?} and a config holds it as {name: {component: weight}}), or {file: space.json|yaml} relative to this file; optional with objective.task (the task's space)",
      ),
    fidelity: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("The fidelity space (same format as space; ordinal levels or int/float ranges) for multi-fidelity optimizers: sh, hyperband, asha, bohb, mf"),
    objective: objectiveSchema,
    optimizer: optimizerSchema.optional().describe("Sampler name or {name, seed, ...options}; default {name: auto, seed: 0}"),
    pruner: z
      .union([z.string().min(1), z.looseObject({ name: z.string().min(1) })])
      .optional()
      .describe(
        "Pruner name (median, successive-halving, wilcoxon) or {name, ...options}: stops a trial early when its intermediate values (trial.report) lag; for module objectives, which ask trial.shouldPrune()",
      ),
    budget: z
      .record(z.string(), z.union([z.number().nonnegative(), z.string()]))
      .optional()
      .describe("Caps: trials, wall (duration) and any cost name (usd, input_tokens, ...); default {trials: 100}"),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(MAX_CONCURRENCY, `expected an integer from 1 to ${MAX_CONCURRENCY}`)
      .optional()
      .describe(`Trials run at once in this process (default 1, at most ${MAX_CONCURRENCY}); never more than the trial budget has left`),
    timeout: duration.optional().describe("Fail a trial that runs longer (ms or 30s, 5m)"),
    retries: z.number().int().min(0).optional().describe("Re-queue a trial whose worker died this many times (default 0)"),
    heartbeat: z
      .object({ interval: duration.optional(), timeout: duration.optional() })
      .strict()
      .optional()
      .describe("How often workers mark their trials alive (default 5s) and when a silent trial is failed (default 30s)"),
    enqueue: z.array(z.record(z.string(), z.unknown())).optional().describe("Configurations to run first (once per study)"),
  })
  .strict()
  .superRefine((value, ctx) => {
    for (const issue of [...studyNameIssues(value.study, ["study"]), ...duplicateObjectiveIssues(value.objectives ?? [], ["objectives"])]) {
      ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }
    if (value.space === undefined && value.objective?.task === undefined) {
      ctx.addIssue({ code: "custom", path: ["space"], message: "expected a search space (required unless objective.task gives one)" });
    }
    if (value.objectives && value.direction) {
      ctx.addIssue({ code: "custom", path: ["direction"], message: "give either objectives or direction, not both" });
    }
  });

export type StudyConfig = z.infer<typeof studyConfigSchema>;

/** The JSON Schema of the study config, as published in schema/study-config.schema.json. */
export function studyConfigJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(studyConfigSchema, { io: "input" }) as Record<string, unknown>;
}
