/**
 * Derives data/gemstone/checkpoints.csv from the Gemstone suite's learning curves
 * (mcleish7/gemstone-scaling-laws @ 5f420478f6057b0cbb4d13405fb10ca64675bccb, wandb_dfs/):
 * `wandb_df_for_fitting_hot_100b+_477.jsonl` (22 width x depth shapes, a checkpoint every 477
 * steps) as variant `full`, and `wandb_df_for_fitting_lr_ablation_hot_477.jsonl` (20 of the
 * shapes at half the learning rate) as variant `half`. One row per checkpoint, only the columns
 * the gemstone tasks use: variant, width, depth, step, tokens, num_nodes, seconds_per_step and
 * loss (the file's `final_loss`: training loss at that checkpoint), values copied unchanged,
 * rows in the files' order. The cooldown files are not used.
 *
 * Usage: npx tsx bench/tasks/derive-gemstone.ts [../shared/data/gemstone] > data/gemstone/checkpoints.csv
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const folder = process.argv[2] ?? "../shared/data/gemstone";
const FILES: [variant: string, file: string][] = [
  ["full", "wandb_df_for_fitting_hot_100b+_477.jsonl"],
  ["half", "wandb_df_for_fitting_lr_ablation_hot_477.jsonl"],
];
const COLUMNS = ["width", "depth", "step", "tokens", "num_nodes", "seconds_per_step"] as const;

const lines = ["variant,width,depth,step,tokens,num_nodes,seconds_per_step,loss"];
for (const [variant, file] of FILES) {
  const path = join(folder, "wandb_dfs", file);
  readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .forEach((line, i) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      const cells = COLUMNS.map((name) => {
        const value = record[name];
        if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`${path}:${i + 1}: ${name} is not a number`);
        return String(value);
      });
      const loss = record.final_loss;
      if (typeof loss !== "number" || !Number.isFinite(loss)) throw new Error(`${path}:${i + 1}: final_loss is not a number`);
      const name = `PyGemma-${cells[0]}x${cells[1]}_pretrain`;
      if (!String(record.run_name).endsWith(name)) throw new Error(`${path}:${i + 1}: run_name ${String(record.run_name)} does not match width x depth`);
      lines.push([variant, ...cells, String(loss)].join(","));
    });
}
process.stdout.write(lines.join("\n") + "\n");
