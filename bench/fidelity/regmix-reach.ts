/**
 * The reach of RegMix's spaces: how many of the 256 mixtures recorded at 60M are the nearest to
 * some random draw, and how many of those reached are within regret 0.05. Rows: the simplex space
 * (`mix`, looked up by Aitchison distance with pseudo-count 0.001) with Dirichlet(1) draws (the
 * prior of random search) and sparser Dirichlet(0.3) ones, and the spaces before the simplex type
 * (`weights: "independent"`): `regmix`'s linear weights and `regmix/60m`'s log-scaled ones, each
 * drawn uniformly and renormalized.
 *
 *   npx tsx bench/fidelity/regmix-reach.ts [--draws 20000]
 */
import { parseArgs } from "node:util";
import { getTask, loadRegmix60mTask, loadRegmixTask } from "../../src/bench/builtin/index.js";
import type { TabularTask } from "../../src/bench/tabular/index.js";
import { rngFor } from "../../src/math/rng.js";
import { Space, type SimplexParam } from "../../src/space/index.js";

const { values: args } = parseArgs({ options: { draws: { type: "string", default: "20000" } } });
const draws = Number(args.draws);
const top = getTask("regmix/60m") as TabularTask;
const regret = (loss: number) => (loss - (top.optimum as number)) / ((top.worst as number) - (top.optimum as number));
const good = top.table.rows.filter((row) => row.level === 1 && regret(row.values[0] as number) <= 0.05).length;
const mix = top.space.params.mix as SimplexParam;
const cases: { label: string; task: TabularTask; space: Space }[] = [
  { label: "simplex `mix`, Dirichlet(1) draws (Aitchison lookup)", task: top, space: top.space },
  { label: "simplex `mix`, Dirichlet(0.3) draws (Aitchison lookup)", task: top, space: Space.parse({ mix: { ...mix, concentration: 0.3 } }) },
  { label: "independent linear weights (`regmix` before the simplex)", task: loadRegmixTask({ weights: "independent" }), space: loadRegmixTask({ weights: "independent" }).space },
  { label: "independent log-scaled weights (`regmix/60m` before the simplex)", task: loadRegmix60mTask({ weights: "independent" }), space: loadRegmix60mTask({ weights: "independent" }).space },
];
console.log(`${draws} draws each; ${good} of the 256 mixtures are within regret 0.05 at 60M\n`);
console.log("| space and draws | mixtures reached | of them within regret 0.05 |");
console.log("|---|---:|---:|");
for (const { label, task, space } of cases) {
  const rng = rngFor(0, "regmix-reach", label);
  // Mixtures are told apart by their recorded losses.
  const reached = new Map<string, number>();
  for (let i = 0; i < draws; i++) {
    const { values } = task.evaluate(space.sample(rng), { model: "60M" }, 0);
    reached.set(JSON.stringify(values), values[0] as number);
  }
  const within = [...reached.values()].filter((loss) => regret(loss) <= 0.05).length;
  console.log(`| ${label} | ${reached.size} | ${within} |`);
}
