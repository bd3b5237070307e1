import { createSampler } from "../src/samplers/index.js";
import { simplex, Space, type Weights } from "../src/space/index.js";
import { runSampler } from "../src/testing/index.js";
const space = Space.parse({ mix: simplex(["a", "b", "c", "d", "e", "f", "g", "h"]) });
const target = [0.7, 0.3, 0, 0, 0, 0, 0, 0];
const loss = (c: any) => { const w = c.mix as Weights; return ["a","b","c","d","e","f","g","h"].reduce((s, k, i) => s + (w[k] - target[i]) ** 2, 0); };
for (const name of ["gp"]) {
  const bests: number[] = [];
  for (let seed = 0; seed < 5; seed++) {
    const t = await runSampler({ sampler: createSampler(name, { seed }), space, evaluate: loss, trials: 80 });
    bests.push(Math.min(...t.map((x) => x.values![0])));
  }
  console.log(name, (bests.reduce((a, b) => a + b) / 5).toFixed(4));
}
