import { findPrice, OPENAI_PRICES, priceUsage, recordingProvider, type ChatMessage, type PriceTable, type RecordedCall } from "../../llm/index.js";
import { rngFor } from "../../math/index.js";
import type { Sampler } from "../../samplers/spec.js";
import type { Space } from "../../space/index.js";
import type { Objective } from "../../storage/spec.js";
import { createStudy } from "../study.js";

export interface DryRunInput {
  space: Space;
  objectives: readonly Objective[];
  /** The run's trials (the study's trial budget). */
  trials: number;
  /** The optimizer's `llm` option as configured; undefined when it has none. */
  llm: unknown;
  /** Makes the optimizer with the given `llm` option in place of the configured one. */
  makeOptimizer(llm: unknown): Sampler;
  /** Seeds the placeholder objective values (default 0). */
  seed?: number;
  prices?: PriceTable;
}

export interface DryRunReport {
  model: string | null;
  trials: number;
  calls: RecordedCall[];
  inputTokens: number;
  /** The most the answers may take (each call's maxTokens). */
  outputTokens: number;
  /** Dollars at the model's price, all output tokens spent; null when the model has no price. */
  usd: number | null;
}

/**
 * What an LLM-guided optimizer would ask and spend in a run, without calling a model or
 * running the objective: a simulated run in memory, the objective replaced by seeded
 * placeholder values, the model by a recorder that answers nothing usable (so the optimizer
 * goes on as after a bad reply). Its calls and prompt sizes are those of the run's decisions;
 * the prompts of later decisions depend on real results, so their sizes are estimates.
 */
export async function dryRun(input: DryRunInput): Promise<DryRunReport> {
  const recorder = recordingProvider();
  const model = modelOf(input.llm);
  const llm = model === null ? input.llm : { ...(input.llm as object), provider: recorder };
  const study = await createStudy({
    name: "dry-run",
    storage: "memory:",
    space: input.space,
    objectives: [...input.objectives],
    sampler: input.makeOptimizer(llm),
    logger: () => {},
  });
  try {
    const seed = input.seed ?? 0;
    await study.optimize((trial) => input.objectives.map((_, i) => rngFor(seed, trial.number, i).random()), { budget: { trials: input.trials } });
  } finally {
    await study.storage.close();
  }
  const inputTokens = recorder.calls.reduce((sum, call) => sum + call.inputTokens, 0);
  const outputTokens = recorder.calls.reduce((sum, call) => sum + call.outputTokens, 0);
  const price = model === null ? undefined : findPrice(input.prices ?? OPENAI_PRICES, model);
  const usd = price ? priceUsage({ inputTokens, cachedInputTokens: 0, outputTokens, reasoningTokens: 0 }, price).usd : null;
  return { model, trials: input.trials, calls: recorder.calls, inputTokens, outputTokens, usd };
}

/** The report as the CLI prints it: the totals, then the first `shown` prompts in full. */
export function dryRunText(report: DryRunReport, optimizer: string, shown = 2): string {
  if (report.model === null) return `Optimizer "${optimizer}" calls no LLM: a run has no optimizer spend.`;
  const lines = [
    `Dry run of "${optimizer}" for ${report.trials} trials: a simulated run (placeholder objective values; no objective run, no model called).`,
    `Model ${report.model}: ${report.calls.length} LLM calls, about ${report.inputTokens.toLocaleString("en-US")} input tokens (4 characters per token) and at most ${report.outputTokens.toLocaleString("en-US")} output tokens.`,
    report.usd === null
      ? `Estimated cost per run: unknown (no price for ${report.model} in the price table; see docs/llm.md#price-table).`
      : `Estimated cost per run: at most $${report.usd.toFixed(4)} at ${report.model}'s price (every call's output at its maxTokens; re-asks after bad replies not counted).`,
  ];
  report.calls.slice(0, shown).forEach((call, i) => {
    lines.push("", `--- call ${i + 1} of ${report.calls.length}: about ${call.inputTokens} input tokens, at most ${call.outputTokens} output tokens`);
    for (const message of call.request.messages) lines.push(messageText(message));
  });
  return lines.join("\n");
}

function messageText(message: ChatMessage): string {
  return `[${message.role}]\n${message.content}`;
}

function modelOf(llm: unknown): string | null {
  if (llm === undefined || llm === null || typeof llm !== "object") return null;
  const model = (llm as { model?: unknown }).model;
  return typeof model === "string" ? model : null;
}
