/**
 * Studies for the dashboard tests and screenshots, made with the real Study API: one
 * objective with costs and a budget, two objectives (quality vs dollars, with latency), a
 * multi-fidelity ASHA study reporting intermediate values, and a study whose trials carry an
 * artifact diff as a generative optimizer's would.
 */
import { ashaSampler } from "../../src/fidelity/index.js";
import { rngFor } from "../../src/math/rng.js";
import { randomSampler } from "../../src/samplers/random.js";
import { categorical, float, int } from "../../src/space/index.js";
import { createStudy } from "../../src/study/index.js";
import type { Storage } from "../../src/storage/index.js";

const quiet = { logger: () => {} };

/** Space of the quadratic example: alpha only matters (and exists) for the hybrid retriever. */
export const quadraticSpace = {
  x: float(-5, 5),
  y: float(-5, 5),
  top_k: int(1, 20),
  retriever: categorical(["bm25", "dense", "hybrid"]),
  alpha: float(0, 1, { when: { retriever: "hybrid" } }),
};

/** The quadratic example's objective: x matters most, top_k not at all (it only costs). */
export function quadratic(config: Record<string, unknown>): number {
  const offset: Record<string, number> = { bm25: 0.6, dense: 0.3, hybrid: 0 };
  let value = ((config.x as number) - 1.5) ** 2 + 0.2 * ((config.y as number) + 0.5) ** 2 + offset[config.retriever as string];
  if (config.retriever === "hybrid") value += 2 * ((config.alpha as number) - 0.3) ** 2;
  return value;
}

export async function makeQuadraticStudy(storage: Storage, trials = 40, name = "quadratic"): Promise<void> {
  const study = await createStudy({ name, storage, space: quadraticSpace, direction: "minimize", sampler: randomSampler({ seed: 0 }), ...quiet });
  // A dollar cap the trials come close to, stored where the dashboard reads budgets.
  const budget = { trials, usd: 0.0025 * trials };
  await storage.setStudyUserAttr(study.id, "budget", budget);
  await study.optimize(
    (trial) => {
      const c = trial.config;
      if ((c.x as number) > 4.6) throw new Error(`x out of the model's range: ${c.x}`);
      trial.addCost({ usd: 0.001 * (1 + (c.top_k as number) / 10), latency_ms: 200 + 20 * (c.top_k as number) });
      return { values: { value: quadratic(c) } };
    },
    { budget },
  );
  await storage.addOptimizerCost(study.id, { usd: 0.01 });
}

export async function makeTradeoffStudy(storage: Storage, trials = 30): Promise<void> {
  const study = await createStudy({
    name: "rag-tradeoff",
    storage,
    space: { chunk_size: int(128, 2048, { log: true }), top_k: int(1, 20), reranker: categorical(["on", "off"]) },
    objectives: [
      { name: "quality", direction: "maximize" },
      { name: "usd", direction: "minimize" },
    ],
    sampler: randomSampler({ seed: 1 }),
    ...quiet,
  });
  await study.optimize(
    (trial) => {
      const c = trial.config;
      const k = c.top_k as number;
      const rerank = c.reranker === "on";
      const quality = 1 - 1 / (1 + 0.3 * k) - Math.abs(Math.log2((c.chunk_size as number) / 512)) * 0.03 + (rerank ? 0.08 : 0);
      const usd = 0.0004 * k * ((c.chunk_size as number) / 512) + (rerank ? 0.002 : 0);
      return { values: { quality, usd }, cost: { usd, latency_ms: 150 + 12 * k + (rerank ? 120 : 0) } };
    },
    { budget: { trials } },
  );
}

export async function makeMultiFidelityStudy(storage: Storage, trials = 40): Promise<void> {
  const study = await createStudy({ name: "asha-fidelity", storage, space: { x: float(0, 1), lr: float(1e-4, 1e-1, { log: true }) }, direction: "minimize", sampler: ashaSampler({ fidelity: { examples: int(10, 90) }, seed: 1 }), ...quiet });
  await study.optimize(
    async (trial) => {
      const x = trial.config.x as number;
      const examples = trial.fidelity!.examples as number;
      const noise = rngFor(7, "noise", trial.number).normal() * 0.02;
      for (let step = 1; step <= 3; step++) await trial.report((x - 0.3) ** 2 + 1 / (step * examples) + noise, step);
      trial.addCost({ usd: examples * 0.0001 });
      return (x - 0.3) ** 2 + 1 / examples + noise;
    },
    { budget: { trials } },
  );
}

/** A study whose trials record the artifact diff their update made (as a generative optimizer does). */
export async function makeGenerativeStudy(storage: Storage, trials = 6): Promise<void> {
  const study = await createStudy({ name: "prompt-edits", storage, space: { temperature: float(0, 1) }, direction: "maximize", sampler: randomSampler({ seed: 3 }), ...quiet });
  await study.optimize(
    async (trial) => {
      await trial.setUserAttr("diff", `--- a/prompt.txt\n+++ b/prompt.txt\n@@ -1,2 +1,2 @@\n You answer questions about the documents.\n-Answer briefly.\n+Answer briefly and cite the passage (edit ${trial.number}).\n`);
      await trial.setUserAttr("feedback", `accuracy went ${trial.number % 2 ? "up" : "down"}`);
      trial.addCost({ usd: 0.002 });
      return 0.5 + 0.05 * trial.number - 0.1 * (trial.config.temperature as number);
    },
    { budget: { trials } },
  );
  await storage.addOptimizerCost(study.id, { usd: 0.004, input_tokens: 1200, output_tokens: 300 });
}

/** All the demo studies in one storage. */
export async function makeDemoStudies(storage: Storage): Promise<void> {
  await makeQuadraticStudy(storage);
  await makeTradeoffStudy(storage);
  await makeMultiFidelityStudy(storage);
  await makeGenerativeStudy(storage);
}
