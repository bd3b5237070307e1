/**
 * How well low fidelity predicts high fidelity on each multi-fidelity tabular task: Spearman
 * rank correlation of the primary objective between each pair of levels, over the
 * configurations recorded at both levels (same config, exact match). On a ladder of more than
 * five levels (checkpoints), only each level against the top, at the lowest two levels and
 * at levels spaced by a factor of 3 below the top.
 * Run: npx tsx bench/fidelity/correlation.ts [task ids...] (default: every built-in task with fidelities)
 */
import { listTasks } from "../../src/bench/builtin/index.js";
import { TabularTask } from "../../src/bench/tabular/index.js";
import { levelSpearman } from "./level-spearman.js";

const wanted = process.argv.slice(2);
const tasks = listTasks().filter((t): t is TabularTask => t instanceof TabularTask && (t.fidelities?.length ?? 0) > 1 && (wanted.length === 0 || wanted.includes(t.id)));
console.log("| task | level | vs level | configurations at both | Spearman |");
console.log("| :--- | :--- | :--- | ---: | ---: |");
/** Level indices shown on a long ladder: 0, 1, and the levels nearest count / 3^k below the top. */
function shownLevels(count: number): Set<number> {
  const shown = new Set([0, 1]);
  for (let k = 1; count / 3 ** k >= 1; k++) shown.add(Math.round(count / 3 ** k) - 1);
  return shown;
}

for (const task of tasks) {
  const count = task.table.fidelities.length;
  const shown = shownLevels(count);
  const pairs = levelSpearman(task).filter((pair) => count <= 5 || (pair.highIsTop && shown.has(task.table.fidelities.indexOf(pair.low))));
  for (const pair of pairs) {
    const rho = pair.rho?.toFixed(3) ?? "– (fewer than 3 shared configurations, or one level all tied)";
    console.log(`| ${task.id} | ${JSON.stringify(pair.low)} | ${JSON.stringify(pair.high)}${pair.highIsTop ? " (top)" : ""} | ${pair.shared} | ${rho} |`);
  }
}
console.log("\nReproduce: npx tsx bench/fidelity/correlation.ts");
