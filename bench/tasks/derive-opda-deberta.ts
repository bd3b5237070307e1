/**
 * Derives the tables of data/opda-deberta/ from OPDA's DeBERTa tuning data
 * (nicholaslourie/opda @ 9529a34b7715e0b32920f630c1f7f7ff6f891060, data/deberta/; CC BY-SA 4.0,
 * so these derived tables are CC BY-SA 4.0 too). For each model (deberta-base,
 * deberta-v3-base), two CSVs, values copied unchanged:
 * - `<model>-configs.csv`: one row per random-search iteration with its hyperparameters
 *   (iteration, num_train_epochs, train_batch_size, learning_rate, warmup_steps, cls_drop_out)
 *   and total_model_steps;
 * - `<model>-curves.csv`: the learning curve on MultiNLI's matched validation set, one row per
 *   recorded point (iteration, step, matched_accuracy). The mismatched curves are left out.
 *
 * Usage: npx tsx bench/tasks/derive-opda-deberta.ts [../shared/data/opda-deberta] data/opda-deberta
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const from = process.argv[2] ?? "../shared/data/opda-deberta";
const to = process.argv[3] ?? "data/opda-deberta";
const CONFIG = ["iteration", "num_train_epochs", "train_batch_size", "learning_rate", "warmup_steps", "cls_drop_out", "total_model_steps"] as const;

for (const model of ["deberta-base", "deberta-v3-base"]) {
  const path = join(from, `${model}_tuning.results.jsonl`);
  const configs = [CONFIG.join(",")];
  const curves = ["iteration,step,matched_accuracy"];
  readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .forEach((line, i) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      const number = (value: unknown, name: string): string => {
        if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`${path}:${i + 1}: ${name} is not a number`);
        return String(value);
      };
      configs.push(CONFIG.map((name) => number(record[name], name)).join(","));
      const matched = (record.learning_curves as { matched?: unknown } | undefined)?.matched;
      if (!Array.isArray(matched) || matched.length === 0) throw new Error(`${path}:${i + 1}: no matched learning curve`);
      for (const point of matched as unknown[][]) curves.push([record.iteration, number(point[0], "step"), number(point[1], "accuracy")].join(","));
    });
  writeFileSync(join(to, `${model}-configs.csv`), configs.join("\n") + "\n");
  writeFileSync(join(to, `${model}-curves.csv`), curves.join("\n") + "\n");
}
