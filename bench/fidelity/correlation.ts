/**
 * How well low fidelity predicts high fidelity on each multi-fidelity tabular task: Spearman
 * rank correlation of the primary objective between each pair of levels, over the
 * configurations recorded at both levels (same config, exact match).
 * Run: npx tsx bench/fidelity/correlation.ts [task ids...] (default: every built-in task with fidelities)
 */
import { listTasks } from "../../src/bench/builtin/index.js";
import { TabularTask } from "../../src/bench/tabular/index.js";
import { levelSpearman } from "./level-spearman.js";

const wanted = process.argv.slice(2);
const tasks = listTasks().filter((t): t is TabularTask => t instanceof TabularTask && (t.fidelities?.length ?? 0) > 1 && (wanted.length === 0 || wanted.includes(t.id)));
console.log("| task | level | vs level | configurations at both | Spearman |");
console.log("| :--- | :--- | :--- | ---: | ---: |");
for (const task of tasks) {
  for (const pair of levelSpearman(task)) {
    const rho = pair.rho?.toFixed(3) ?? "– (fewer than 3 shared configurations)";
    console.log(`| ${task.id} | ${JSON.stringify(pair.low)} | ${JSON.stringify(pair.high)}${pair.highIsTop ? " (top)" : ""} | ${pair.shared} | ${rho} |`);
  }
}
console.log("\nReproduce: npx tsx bench/fidelity/correlation.ts");
