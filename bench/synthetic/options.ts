import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { syntheticFunctions } from "../../src/bench/synthetic/index.js";
import { optimizerNames } from "../../src/optimizers/index.js";

/** What one benchmark run covers. */
export interface BenchOptions {
  samplers: string[];
  seeds: number;
  budgets: number[];
  functions: string[];
  concurrency: number;
}

/** Samplers left out by default: grid enumerates rather than optimizes; these are multi-objective. */
const NOT_BY_DEFAULT = new Set(["grid", "nsga2", "motpe"]);

const USAGE = `usage: npx tsx bench/synthetic/run.ts [--samplers random,qmc,tpe,gp,cmaes,evolution]
  [--seeds 30] [--budgets 50,200] [--functions branin,hartmann6,...] [--concurrency N]`;

/** Reads the command line; defaults cover every registered single-objective sampler and every function. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      samplers: { type: "string" },
      seeds: { type: "string", default: "30" },
      budgets: { type: "string", default: "50,200" },
      functions: { type: "string" },
      concurrency: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const samplers = values.samplers ? list(values.samplers) : optimizerNames("sampler").filter((name) => !NOT_BY_DEFAULT.has(name));
  const functions = values.functions ? list(values.functions) : syntheticFunctions.map((f) => f.id);
  const budgets = list(values.budgets).map((b) => positiveInt(b, "--budgets"));
  return {
    samplers,
    seeds: positiveInt(values.seeds, "--seeds"),
    budgets: [...new Set(budgets)].sort((a, b) => a - b),
    functions,
    concurrency: values.concurrency ? positiveInt(values.concurrency, "--concurrency") : availableParallelism(),
  };
}

/** The command that reproduces a run (concurrency does not change results, so it is left out). */
export function reproduceCommand(options: BenchOptions): string {
  return [
    "npx tsx bench/synthetic/run.ts",
    `--samplers ${options.samplers.join(",")}`,
    `--seeds ${options.seeds}`,
    `--budgets ${options.budgets.join(",")}`,
    `--functions ${options.functions.join(",")}`,
  ].join(" ");
}

function list(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
}

function positiveInt(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${flag} expects positive integers, got "${text}"\n${USAGE}`);
    process.exit(2);
  }
  return value;
}
