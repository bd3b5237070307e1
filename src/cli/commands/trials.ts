import type { Command } from "commander";
import { isWeights } from "../../space/index.js";
import type { StudyRecord, TrialRecord } from "../../storage/index.js";
import { csvField, num, table } from "../output/format.js";
import { requireStudy, withStorage } from "./open-cli-storage.js";

export function registerTrials(program: Command): void {
  program
    .command("trials")
    .description("print a study's trials (a table, or --json / --csv)")
    .argument("<study>", "study name")
    .option("--storage <url>", "storage URL (default sqlite:knobs.db)")
    .option("--json", "print a JSON array of trial records")
    .option("--csv", "print CSV: number, state, one column per objective, param, cost and error")
    .action(async (name: string, flags: { storage?: string; json?: boolean; csv?: boolean }) => {
      const { study, trials } = await withStorage(flags.storage, async (storage) => {
        const study = await requireStudy(storage, name);
        return { study, trials: await storage.getTrials(study.id) };
      });
      if (flags.json) process.stdout.write(JSON.stringify(trials) + "\n");
      else if (flags.csv) process.stdout.write(trialsCsv(study, trials));
      else process.stdout.write(trialsTable(study, trials) + "\n");
    });
}

function columnsOf(study: StudyRecord, trials: readonly TrialRecord[]) {
  const params = new Set<string>(Object.keys(study.space ?? {}));
  const costs = new Set<string>();
  for (const t of trials) {
    for (const p of Object.keys(t.config)) params.add(p);
    for (const c of Object.keys(t.cost)) costs.add(c);
  }
  return { params: [...params], costs: [...costs], columns: paramColumns(study, trials, [...params]) };
}

/**
 * One CSV column per parameter, and one per component of a simplex (`mix.web`), whose
 * weights come from the study's space or, for a define-by-run simplex, from the trials.
 */
function paramColumns(study: StudyRecord, trials: readonly TrialRecord[], params: string[]): { label: string; value: (t: TrialRecord) => unknown }[] {
  return params.flatMap((name): { label: string; value: (t: TrialRecord) => unknown }[] => {
    const declared = study.space?.[name];
    const components = new Set<string>(declared?.type === "simplex" ? declared.components : []);
    for (const t of trials) {
      const value = t.config[name];
      if (isWeights(value)) for (const component of Object.keys(value)) components.add(component);
    }
    if (components.size === 0) return [{ label: name, value: (t: TrialRecord) => t.config[name] }];
    return [...components].map((component) => ({
      label: `${name}.${component}`,
      value: (t: TrialRecord) => {
        const value = t.config[name];
        return isWeights(value) ? value[component] : undefined;
      },
    }));
  });
}

/** CSV with a header: number, state, objectives, `param:<name>` (`param:<name>.<component>` for each weight of a simplex), `cost:<name>`, duration_ms, error. */
export function trialsCsv(study: StudyRecord, trials: readonly TrialRecord[]): string {
  const { columns, costs } = columnsOf(study, trials);
  const header = ["number", "state", ...study.objectives.map((o) => o.name), ...columns.map((c) => `param:${c.label}`), ...costs.map((c) => `cost:${c}`), "duration_ms", "error"];
  const lines = [header.map(csvField).join(",")];
  for (const t of trials) {
    const row = [
      t.number,
      t.state,
      ...study.objectives.map((_, i) => t.values?.[i]),
      ...columns.map((c) => c.value(t)),
      ...costs.map((c) => t.cost[c]),
      t.completedAt !== null && t.startedAt !== null ? t.completedAt - t.startedAt : null,
      t.error,
    ];
    lines.push(row.map(csvField).join(","));
  }
  return lines.join("\n") + "\n";
}

function trialsTable(study: StudyRecord, trials: readonly TrialRecord[]): string {
  if (trials.length === 0) return `Study "${study.name}" has no trials.`;
  const { params } = columnsOf(study, trials);
  const rows = trials.map((t) => [
    String(t.number),
    t.state,
    ...study.objectives.map((_, i) => num(t.values?.[i])),
    ...params.map((p) => (p in t.config ? String(t.config[p]) : "")),
    t.error ?? "",
  ]);
  return table(["#", "state", ...study.objectives.map((o) => o.name), ...params, "error"], rows);
}
