import type { Command } from "commander";
import { KnobsError } from "../../errors/index.js";
import { paretoFront } from "../../study/index.js";
import { configText, costText, valuesText } from "../output/format.js";
import { requireStudy, withStorage } from "./open-cli-storage.js";

export function registerBest(program: Command): void {
  program
    .command("best")
    .description("print a study's best trial (or its Pareto set for several objectives); feasible trials only")
    .argument("<study>", "study name")
    .option("--storage <url>", "storage URL (default sqlite:knobs.db)")
    .option("--json", "print JSON: the best trial, or an array for several objectives")
    .action(async (name: string, flags: { storage?: string; json?: boolean }) => {
      const { study, best } = await withStorage(flags.storage, async (storage) => {
        const study = await requireStudy(storage, name);
        return { study, best: paretoFront(await storage.getTrials(study.id), study.objectives) };
      });
      if (best.length === 0) throw new KnobsError("no_complete_trial", `study "${name}" has no complete feasible trial yet`);
      if (flags.json) {
        const out = (t: (typeof best)[number]) => ({ number: t.number, values: t.values, config: t.config, cost: t.cost, userAttrs: t.userAttrs });
        process.stdout.write(JSON.stringify(study.objectives.length === 1 ? out(best[0]) : best.map(out)) + "\n");
        return;
      }
      for (const t of study.objectives.length === 1 ? best.slice(0, 1) : best) {
        process.stdout.write(`trial ${t.number}: ${valuesText(t, study.objectives)}\n  config: ${configText(t.config)}\n  cost: ${costText(t.cost)}\n`);
      }
    });
}
