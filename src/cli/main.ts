#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { KnobsError } from "../errors/index.js";
import { registerBench } from "./commands/bench.js";
import { registerBest } from "./commands/best.js";
import { registerDashboard } from "./commands/dashboard.js";
import { registerOptimize } from "./commands/optimize.js";
import { registerReport } from "./commands/report.js";
import { registerServe } from "./commands/serve.js";
import { registerStudies } from "./commands/studies.js";
import { registerTasks } from "./commands/tasks.js";
import { registerTrials } from "./commands/trials.js";
import { registerWorker } from "./commands/worker.js";
import { EXIT } from "./exit-codes.js";

/** Whether commander printed an error itself (a parse error); one thrown inside an action it does not print. */
let commanderPrinted = false;

const program = new Command("knobs")
  .description("Tune the configuration of compound LLM systems, and benchmark the optimizers that do it.")
  .version("0.1.0")
  .exitOverride()
  .showHelpAfterError("(run knobs --help for usage)")
  // Set before the commands are added, so each inherits it: report() then knows what commander printed.
  .configureOutput({
    outputError: (message, write) => {
      commanderPrinted = true;
      write(message);
    },
  });

registerOptimize(program);
registerStudies(program);
registerTrials(program);
registerBest(program);
registerServe(program);
registerBench(program);
registerReport(program);
registerWorker(program);
registerTasks(program);
registerDashboard(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = report(error);
}

/** Prints an error as one line per problem and returns the exit code. */
function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version exit 0; a parse error commander printed already.
    if (error.exitCode === 0) return EXIT.ok;
    if (!commanderPrinted) process.stderr.write(`knobs: ${error.message.replace(/^error: /, "")}\n`);
    return EXIT.badInput;
  }
  if (error instanceof KnobsError) {
    process.stderr.write(error.message.split("\n").map((line) => `knobs: ${line}\n`).join(""));
    if (process.env.KNOBS_DEBUG) process.stderr.write(`${error.stack}\n`);
    return EXIT.badInput;
  }
  process.stderr.write(`knobs: internal error: ${error instanceof Error ? (process.env.KNOBS_DEBUG ? error.stack : error.message) : String(error)}\n`);
  return EXIT.internal;
}
