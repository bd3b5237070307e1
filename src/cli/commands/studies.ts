import type { Command } from "commander";
import { paretoFront } from "../../study/index.js";
import { num, table } from "../output/format.js";
import { DEFAULT_STORAGE_URL, openStorage, redactStorageUrl, type TrialState } from "../../storage/index.js";
import { requireStudy, withStorage } from "./open-cli-storage.js";

export function registerStudies(program: Command): void {
  const studies = program.command("studies");
  studies
    .command("delete")
    .description("delete a study and all its trials (asks nothing; an unknown study is an error)")
    .argument("<name>", "the study's name")
    .option("--storage <url>", "storage URL (default sqlite:knobs.db)")
    .option("--json", "print what was deleted as JSON")
    .action(async (name: string, _flags: unknown, command: Command) => {
      // `studies` takes --storage and --json too and parses them wherever they stand.
      const flags = command.optsWithGlobals<{ storage?: string; json?: boolean }>();
      const url = flags.storage ?? DEFAULT_STORAGE_URL;
      // Checked read-only first: a missing file or an unknown study is an error and nothing is created.
      const states = await withStorage(url, async (storage) => (await storage.getTrials((await requireStudy(storage, name)).id)).map((t) => t.state));
      const storage = await openStorage(url);
      try {
        await storage.deleteStudy(name);
      } finally {
        await storage.close();
      }
      const counts = countStates(states);
      if (flags.json) return void process.stdout.write(JSON.stringify({ deleted: name, trials: states.length, ...counts }) + "\n");
      const byState = Object.entries(counts).map(([state, n]) => `${n} ${state}`).join(", ");
      process.stdout.write(`Deleted study "${name}" and its ${states.length} trial${states.length === 1 ? "" : "s"}${byState ? ` (${byState})` : ""} from ${redactStorageUrl(url)}.\n`);
    });
  studies
    .description("list the studies in a storage")
    .option("--storage <url>", "storage URL (default sqlite:knobs.db)")
    .option("--json", "print JSON")
    .action(async (flags: { storage?: string; json?: boolean }) => {
      const rows = await withStorage(flags.storage, async (storage) => {
        const out = [];
        for (const study of await storage.listStudies()) {
          const trials = await storage.getTrials(study.id);
          const count = (state: string) => trials.filter((t) => t.state === state).length;
          const best = paretoFront(trials, study.objectives);
          out.push({
            name: study.name,
            objectives: study.objectives,
            trials: trials.length,
            complete: count("complete"),
            failed: count("failed"),
            running: count("running"),
            best: study.objectives.length === 1 ? (best[0]?.values?.[0] ?? null) : best.length,
          });
        }
        return out;
      });
      if (flags.json) return void process.stdout.write(JSON.stringify(rows) + "\n");
      if (rows.length === 0) return void process.stdout.write("No studies in this storage.\n");
      const body = rows.map((r) => [
        r.name,
        r.objectives.map((o) => `${o.name} (${o.direction === "maximize" ? "max" : "min"})`).join(", "),
        String(r.trials),
        String(r.complete),
        String(r.failed),
        String(r.running),
        r.objectives.length === 1 ? num(r.best as number | null) : `${r.best} on front`,
      ]);
      process.stdout.write(table(["study", "objectives", "trials", "complete", "failed", "running", "best"], body) + "\n");
    });
}

/** How many trials are in each state, in a fixed order, leaving out states with none. */
function countStates(states: readonly TrialState[]): Partial<Record<TrialState, number>> {
  const counts: Partial<Record<TrialState, number>> = {};
  for (const state of ["complete", "failed", "pruned", "running", "queued"] as const) {
    const n = states.filter((s) => s === state).length;
    if (n > 0) counts[state] = n;
  }
  return counts;
}
