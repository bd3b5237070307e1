import { z } from "zod";
import { option, parseOptions, type OptionsSchema } from "../errors/index.js";
import {
  allocationOptimizer,
  allocationOptionsSchema,
  generativeOptimizer,
  generativeOptionsSchema,
  hybridOptimizer,
  hybridOptionsSchema,
  researchOptimizer,
  requireAgentLlm,
  researchOptionsSchema,
  type AllocationOptions,
} from "../agents/index.js";
import {
  ashaSampler,
  autoScheduler,
  bohbOwnOptions,
  bohbSampler,
  hyperbandSampler,
  mfOwnOptions,
  mfSampler,
  schedulerOptionsSchema,
  successiveHalvingOwnOptions,
  successiveHalvingSampler,
  type FidelityInput,
} from "../fidelity/index.js";
import {
  autoOptionsSchema,
  autoSampler,
  cmaesOptionsSchema,
  cmaesSampler,
  evolutionOptionsSchema,
  evolutionSampler,
  gpOptionsSchema,
  gpSampler,
  gridSampler,
  gridSamplerOptionsSchema,
  motpeSampler,
  nsga2OptionsSchema,
  nsga2Sampler,
  qmcOptionsSchema,
  qmcSampler,
  randomOptionsSchema,
  randomSampler,
  tpeOptionsSchema,
  tpeSampler,
  type Sampler,
} from "../samplers/index.js";
import { MissingFidelityError } from "./missing-fidelity-error.js";
import type { OptimizerContext, OptimizerEntry, OptimizerKind } from "./spec.js";
import { UnknownOptimizerError } from "./unknown-optimizer-error.js";

/** An entry whose `make` receives options parsed by its schema (worded as `<name> <kind>`). */
function entry<S extends OptionsSchema>(name: string, kind: OptimizerKind, optionsSchema: S, make: (options: z.output<S>, context: OptimizerContext) => Sampler): OptimizerEntry {
  const where = `${name} ${kind === "agent" ? "optimizer" : kind}`;
  return { name, kind, optionsSchema, make: (options, context) => make(parseOptions(optionsSchema, options, where), context) };
}

const samplers: OptimizerEntry[] = [
  entry("random", "sampler", randomOptionsSchema, (options) => randomSampler(options)),
  entry("qmc", "sampler", qmcOptionsSchema, (options) => qmcSampler(options)),
  entry("grid", "sampler", gridSamplerOptionsSchema, (options) => gridSampler(options)),
  entry("tpe", "sampler", tpeOptionsSchema, (options) => tpeSampler(options)),
  entry("motpe", "sampler", tpeOptionsSchema, (options) => motpeSampler(options)),
  entry("gp", "sampler", gpOptionsSchema, (options) => gpSampler(options)),
  entry("cmaes", "sampler", cmaesOptionsSchema, (options) => cmaesSampler(options)),
  entry("evolution", "sampler", evolutionOptionsSchema, (options) => evolutionSampler(options)),
  entry("nsga2", "sampler", nsga2OptionsSchema, (options) => nsga2Sampler(options)),
  // The planned trials of the run, when known, win over a `trials` option.
  // With a fidelity space, auto runs the scheduler chooseScheduler picks (src/fidelity/choose-scheduler.ts).
  entry("auto", "sampler", autoOptionsSchema, (options, context) => {
    const trials = context.plannedTrials !== undefined ? { trials: context.plannedTrials } : {};
    if (context.fidelity) return autoScheduler({ ...endgameOf(context), ...options, ...trials, fidelity: context.fidelity });
    return autoSampler({ ...options, ...trials });
  }),
];

const samplerNames = samplers.map((s) => s.name);

/** `inner` in a config: the sampler a scheduler or an agent proposes new configurations with, by name. */
const innerOption = option(
  z.string().refine((name) => samplerNames.includes(name)),
  `a sampler name (${samplerNames.join(", ")})`,
);

/** The inner sampler `inner` names, seeded like its optimizer (none when not named). */
function innerSampler(inner: string | undefined, seed: number | undefined): { sampler: Sampler } | Record<string, never> {
  return inner ? { sampler: createOptimizer(inner, { seed }) } : {};
}

function fidelityOf(name: string, kind: OptimizerKind, context: OptimizerContext): FidelityInput {
  if (!context.fidelity) throw new MissingFidelityError(name, kind);
  return context.fidelity;
}

/** A scheduler's options in a config: the common ones and its own, with `inner` for the sampler; the fidelity comes from the context. */
const schedulerConfigSchema = schedulerOptionsSchema.omit({ fidelity: true, sampler: true }).extend({ inner: innerOption });

/** A scheduler's factory options from its config options and the context. */
function schedulerOptions<T extends { inner?: string; seed?: number }>(name: string, { inner, ...options }: T, context: OptimizerContext) {
  return { ...endgameOf(context), ...options, fidelity: fidelityOf(name, "scheduler", context), ...innerSampler(inner, options.seed) };
}

/** What a multi-fidelity optimizer learns of the run from the context: its budget and whether levels continue one run. */
function endgameOf(context: OptimizerContext): { budget?: Record<string, number>; fidelityCost: "continue" | "full" } {
  return { ...(context.budget ? { budget: { ...context.budget } } : {}), fidelityCost: context.fidelityCost === "continue" ? "continue" : "full" };
}

const schedulers: OptimizerEntry[] = [
  entry("sh", "scheduler", schedulerConfigSchema.extend(successiveHalvingOwnOptions), (options, context) => successiveHalvingSampler(schedulerOptions("sh", options, context))),
  entry("hyperband", "scheduler", schedulerConfigSchema, (options, context) => hyperbandSampler(schedulerOptions("hyperband", options, context))),
  entry("asha", "scheduler", schedulerConfigSchema, (options, context) => ashaSampler(schedulerOptions("asha", options, context))),
  entry("bohb", "scheduler", schedulerConfigSchema.extend(bohbOwnOptions), (options, context) => bohbSampler(schedulerOptions("bohb", options, context))),
  entry("mf", "scheduler", schedulerConfigSchema.extend(mfOwnOptions), (options, context) => mfSampler(schedulerOptions("mf", options, context))),
];

const agents: OptimizerEntry[] = [
  // The task's planned compute and budget, unless the options set them.
  entry("allocation", "agent", allocationOptionsSchema.partial({ budget: true }), (options, { taskHooks }) => {
    const fromTask: Partial<AllocationOptions> = {};
    const plannedCompute = taskHooks?.plannedCompute;
    if (plannedCompute && options.compute === undefined) fromTask.compute = plannedCompute;
    const budget = taskHooks?.computeBudget ?? taskHooks?.pipeline?.budget;
    if (budget && options.budget === undefined) fromTask.budget = budget;
    const checked = parseOptions(allocationOptionsSchema, { ...fromTask, ...options }, "allocation optimizer");
    return allocationOptimizer({ ...checked, llm: requireAgentLlm(checked.llm, "allocation") });
  }),
  entry("generative", "agent", generativeOptionsSchema.extend({ inner: innerOption }), ({ inner, ...options }) => {
    const held = innerSampler(inner, options.seed);
    return generativeOptimizer({ ...options, llm: requireAgentLlm(options.llm, "generative"), ...("sampler" in held ? { inner: held.sampler } : {}) });
  }),
  entry("research", "agent", researchOptionsSchema.omit({ fidelity: true }).extend({ inner: innerOption }), ({ inner, ...options }, context) => {
    const held = innerSampler(inner, options.seed);
    return researchOptimizer({ ...endgameOf(context), ...options, fidelity: fidelityOf("research", "agent", context), ...("sampler" in held ? { inner: held.sampler } : {}) });
  }),
  // `classical` names the hybrid's sampler in a config, as `inner` does for the others.
  entry("hybrid", "agent", hybridOptionsSchema.extend({ classical: innerOption }), ({ classical, ...options }) => {
    const held = innerSampler(classical, options.seed);
    return hybridOptimizer({ ...options, ...("sampler" in held ? { classical: held.sampler } : {}) });
  }),
];

/** Every optimizer by name: the samplers, the multi-fidelity schedulers, then the LLM-guided agents. */
export const optimizerRegistry: readonly OptimizerEntry[] = [...samplers, ...schedulers, ...agents];

/** The names `createOptimizer` accepts, in the registry's order; only those of one kind when given. */
export function optimizerNames(kind?: OptimizerKind): string[] {
  return optimizerRegistry.filter((e) => kind === undefined || e.kind === kind).map((e) => e.name);
}

/**
 * Makes an optimizer by the name used in study YAML, `--optimizer`, `knobs bench` and the
 * protocol: a sampler, a scheduler wrapping one (`inner` names it), or an LLM-guided agent.
 * `options` are the optimizer's own (plain values, as a config gives them); `context` what
 * the run knows (planned trials, fidelity space, task hooks). Throws UnknownOptimizerError
 * listing every name for an unknown one, InvalidOptionsError for bad options, and
 * MissingFidelityError for a multi-fidelity optimizer without a fidelity space.
 *
 * @example
 * const sampler = createOptimizer("asha", { seed: 0, inner: "tpe" }, { fidelity: { examples: int(10, 810) } });
 */
export function createOptimizer(name: string, options: Record<string, unknown> = {}, context: OptimizerContext = {}): Sampler {
  const found = optimizerRegistry.find((e) => e.name === name);
  if (!found) throw new UnknownOptimizerError(name, optimizerNames());
  return found.make(options, context);
}
