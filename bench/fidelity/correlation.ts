/**
 * How well low fidelity predicts high fidelity on each multi-fidelity tabular task: Spearman
 * rank correlation of the primary objective between each level and the top one, over the
 * configurations recorded at both levels (same config, exact match).
 * Run: npx tsx bench/fidelity/correlation.ts [task ids...] (default: every built-in task with fidelities)
 */
import { listTasks } from "../../src/bench/builtin/index.js";
import { TabularTask } from "../../src/bench/tabular/index.js";
import { spearman } from "../../src/fidelity/index.js";

const wanted = process.argv.slice(2);
const tasks = listTasks().filter((t): t is TabularTask => t instanceof TabularTask && (t.fidelities?.length ?? 0) > 1 && (wanted.length === 0 || wanted.includes(t.id)));
console.log("| task | level | vs top level | configurations at both | Spearman |");
console.log("| :--- | :--- | :--- | ---: | ---: |");
for (const task of tasks) {
  const levels = task.table.fidelities;
  const top = levels.length - 1;
  const byLevel = levels.map(() => new Map<string, number>());
  for (const row of task.table.rows) {
    const value = row.values[0];
    if (value !== null) byLevel[row.level].set(JSON.stringify(row.config), value);
  }
  // Pairs between every pair of levels, so a top level with other configurations is still informative.
  for (let a = 0; a < levels.length; a++) {
    for (let b = a + 1; b < levels.length; b++) {
      const xs: number[] = [];
      const ys: number[] = [];
      for (const [key, x] of byLevel[a]) {
        const y = byLevel[b].get(key);
        if (y !== undefined) {
          xs.push(x);
          ys.push(y);
        }
      }
      const rho = spearman(xs, ys)?.toFixed(3) ?? "– (fewer than 3 shared configurations)";
      console.log(`| ${task.id} | ${JSON.stringify(levels[a])} | ${JSON.stringify(levels[b])}${b === top ? " (top)" : ""} | ${xs.length} | ${rho} |`);
    }
  }
}
console.log("\nReproduce: npx tsx bench/fidelity/correlation.ts");
