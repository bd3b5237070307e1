import { KnobsError } from "../errors/index.js";

/** A task of a suite, marked for development (tuning optimizers) or for the final comparison. */
export interface SuiteTask {
  task: string;
  split: "dev" | "test";
}

export interface Suite {
  name: string;
  description: string;
  tasks: SuiteTask[];
  /** Defaults for `knobs bench` with this suite. */
  optimizers: string[];
  seeds: number;
  budget: Record<string, number>;
}

const MAIN_SAMPLERS = ["random", "qmc", "tpe", "gp", "cmaes", "evolution"];

const SUITES: Record<string, Suite> = {
  default: {
    name: "default",
    description: "Every built-in LLM-system task on recorded data: the seven LLMSYS-HPOBench systems, RegMix and the RouteLLM MMLU allocation",
    tasks: [
      { task: "llmsys/naiverag", split: "dev" },
      { task: "llmsys/vllm", split: "dev" },
      { task: "regmix", split: "dev" },
      { task: "llmsys/html_rag", split: "test" },
      { task: "llmsys/lightrag", split: "test" },
      { task: "llmsys/openhands", split: "test" },
      { task: "llmsys/autogpt", split: "test" },
      { task: "llmsys/sglang", split: "test" },
      { task: "routellm/mmlu-allocation", split: "test" },
    ],
    optimizers: MAIN_SAMPLERS,
    seeds: 10,
    budget: { trials: 50 },
  },
  surrogate: {
    name: "surrogate",
    description: "k-NN surrogates of the tabular tasks: smooth landscapes for continuous optimizers",
    tasks: [
      { task: "surrogate/llmsys/naiverag", split: "dev" },
      { task: "surrogate/llmsys/vllm", split: "dev" },
      { task: "surrogate/regmix", split: "dev" },
      { task: "surrogate/llmsys/html_rag", split: "test" },
      { task: "surrogate/llmsys/lightrag", split: "test" },
      { task: "surrogate/llmsys/sglang", split: "test" },
    ],
    optimizers: MAIN_SAMPLERS,
    seeds: 10,
    budget: { trials: 50 },
  },
  live: {
    name: "live",
    description: "The RAG pipeline run live on the chroma chunking corpus (retrieval metrics, no LLM); reads the data from $KNOBS_CHROMA_CHUNKING or ../shared/data/chroma-chunking",
    tasks: [{ task: "rag/chroma-chunking", split: "test" }],
    optimizers: ["random", "tpe", "gp"],
    seeds: 3,
    budget: { trials: 30 },
  },
  multifidelity: {
    name: "multifidelity",
    description:
      "The multi-fidelity tasks, for the schedulers and the research agent's heuristic policy: RegMix (1M/60M/1B parameters, recorded and as a k-NN surrogate; its mixtures run at both 1M and 60M), the learning curves of Gemstone pretraining runs and of OPDA's DeBERTa fine-tuning runs (levels are checkpoints of one run), and a synthetic checkpoint ladder; budget in each task's primary cost",
    // One task of each shape is dev (tune optimizers on it), the other test (report only):
    // regmix/60m, whose cheap level ranks the same configurations as its top one, is test.
    tasks: [
      { task: "regmix", split: "dev" },
      { task: "synthetic/checkpoint-ladder", split: "dev" },
      { task: "gemstone/lr", split: "dev" },
      { task: "opda/deberta", split: "dev" },
      { task: "surrogate/regmix", split: "test" },
      { task: "regmix/60m", split: "test" },
      { task: "gemstone", split: "test" },
      { task: "opda/deberta-v3", split: "test" },
    ],
    optimizers: ["random", "tpe", "sh", "hyperband", "asha", "bohb", "mf", "research"],
    seeds: 10,
    budget: { model_params: 1.2e10, trials: 2000 },
  },
  synthetic: {
    name: "synthetic",
    description: "The synthetic functions (synthetic data: for checking optimizers, not LLM systems)",
    tasks: [
      { task: "synthetic/branin", split: "dev" },
      { task: "synthetic/hartmann6", split: "dev" },
      { task: "synthetic/mixed5", split: "dev" },
      { task: "synthetic/rosenbrock10", split: "test" },
      { task: "synthetic/ackley10", split: "test" },
      { task: "synthetic/levy10", split: "test" },
      { task: "synthetic/conditional", split: "test" },
    ],
    optimizers: MAIN_SAMPLERS,
    seeds: 10,
    budget: { trials: 50 },
  },
};

export function suiteNames(): string[] {
  return Object.keys(SUITES);
}

/** A suite by name; a KnobsError lists the names there are. */
export function getSuite(name: string): Suite {
  const suite = Object.hasOwn(SUITES, name) ? SUITES[name] : undefined;
  if (!suite) throw new KnobsError("unknown_suite", `unknown suite "${name}": expected one of ${suiteNames().join(", ")}`);
  return suite;
}

/** Adds a suite (the built-in task registry registers the LLM-system suites). */
export function registerSuite(suite: Suite): void {
  SUITES[suite.name] = suite;
}
