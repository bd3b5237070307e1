/**
 * A synthetic objective with conditional parameters (no LLM involved): the shape of a
 * retriever choice where `alpha` only matters for the hybrid retriever.
 * Minimum 0 at x = 1.5, y = -0.5, retriever = hybrid, alpha = 0.3.
 */
import type { Config, Trial } from "knobs";

const offset: Record<string, number> = { bm25: 0.6, dense: 0.3, hybrid: 0 };

export async function evaluate(config: Config, trial: Trial) {
  const x = config.x as number;
  const y = config.y as number;
  const retriever = config.retriever as string;
  let value = (x - 1.5) ** 2 + (y + 0.5) ** 2 + offset[retriever];
  if (retriever === "hybrid") value += 2 * ((config.alpha as number) - 0.3) ** 2;
  // A made-up cost so the cost ledger and budget have something to count.
  trial.addCost({ usd: 0.001 * (1 + (config.top_k as number) / 10) });
  return { values: { loss: value } };
}
