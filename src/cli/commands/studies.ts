import type { Command } from "commander";
import { paretoFront } from "../../study/index.js";
import { num, table } from "../output/format.js";
import { withStorage } from "./open-cli-storage.js";

export function registerStudies(program: Command): void {
  program
    .command("studies")
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
