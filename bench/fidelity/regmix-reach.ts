/**
 * Why `regmix/60m` log-scales its weights: how many of the 256 mixtures recorded at 60M are the
 * nearest to some uniform draw, with `regmix`'s linear weights (renormalized to sum 1) and with
 * `regmix/60m`'s log-scaled ones, and how many of those reached are within regret 0.05.
 *
 *   npx tsx bench/fidelity/regmix-reach.ts [--draws 20000]
 */
import { parseArgs } from "node:util";
import { getTask } from "../../src/bench/builtin/index.js";
import type { TabularTask } from "../../src/bench/tabular/index.js";
import { rngFor } from "../../src/math/rng.js";

const { values: args } = parseArgs({ options: { draws: { type: "string", default: "20000" } } });
const draws = Number(args.draws);
const top = getTask("regmix/60m") as TabularTask;
const regret = (loss: number) => (loss - (top.optimum as number)) / ((top.worst as number) - (top.optimum as number));
const good = top.table.rows.filter((row) => row.level === 1 && regret(row.values[0] as number) <= 0.05).length;
console.log(`${draws} uniform draws; ${good} of the 256 mixtures are within regret 0.05 at 60M\n`);
console.log("| space | mixtures reached | of them within regret 0.05 |");
console.log("|---|---:|---:|");
for (const id of ["regmix", "regmix/60m"]) {
  const task = getTask(id) as TabularTask;
  const rng = rngFor(0, "regmix-reach", id);
  // Mixtures are told apart by their recorded losses.
  const reached = new Map<string, number>();
  for (let i = 0; i < draws; i++) {
    const { values } = task.evaluate(task.space.sample(rng), { model: "60M" }, 0);
    reached.set(JSON.stringify(values), values[0] as number);
  }
  const within = [...reached.values()].filter((loss) => regret(loss) <= 0.05).length;
  console.log(`| ${id} (${id === "regmix" ? "linear" : "log-scaled"} weights) | ${reached.size} | ${within} |`);
}
