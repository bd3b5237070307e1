import { InvalidArgumentError, type Command } from "commander";
import { readYamlFile } from "../../study/index.js";
import { getTask } from "../../bench/builtin/index.js";
import { OptimizerServer, TaskServer } from "../../protocol/index.js";
import { DEFAULT_OPTIMIZER } from "../../samplers/index.js";

export function registerServe(program: Command): void {
  const serve = program.command("serve").description("JSON-RPC stdio servers (one JSON object per line)");
  serve
    .command("optimizer")
    .description("serve a sampler over stdio: methods ask, tell and best (docs/protocol.md)")
    .requiredOption("--spec <file>", 'problem spec: {"space", "fidelity"?, "objectives", "seed"?}')
    .option("--optimizer <name>", "optimizer name", DEFAULT_OPTIMIZER)
    .option("--seed <n>", "seed (overrides the spec's)", (v) => parseSeed(v))
    .option("--storage <url>", "keep the trials in this storage (default memory:)")
    .option("--study <name>", "study name in the storage (default optimizer-server)")
    .action(async (flags: { spec: string; optimizer: string; seed?: number; storage?: string; study?: string }) => {
      const server = await OptimizerServer.create({
        spec: readYamlFile(flags.spec),
        source: flags.spec,
        optimizer: flags.optimizer,
        seed: flags.seed,
        storage: flags.storage,
        study: flags.study,
      });
      await server.serve(process.stdin, process.stdout);
    });

  serve
    .command("task")
    .description("serve a benchmark task over stdio: methods describe and evaluate (docs/protocol.md)")
    .argument("<task>", "a task id (knobs tasks) or a tabular task folder")
    .action(async (ref: string) => {
      await new TaskServer(getTask(ref)).serve(process.stdin, process.stdout);
    });
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected an integer >= 0");
  return n;
}
