import { ValidationError } from "../../errors/index.js";
import { addCosts, toLedgerCost, type LlmCost, type PriceTable } from "../../llm/index.js";
import { categorical, int, Space, type Config, type Param } from "../../space/index.js";
import { agentTtsCompute } from "./agenttts-compute.js";
import { checkStages } from "./check-stages.js";
import { mapLimit } from "../map-limit.js";
import { runStage, zeroCost, type CallOptions } from "./run-stage.js";
import type { ItemRun, StageAllocation, StageDefinition } from "./spec.js";

export interface MultiStagePipelineOptions<I> {
  /** The stages, in the order they run. */
  stages: readonly StageDefinition<I, any>[];
  /** Total planned compute allowed per item, in AgentTTS units (see agentTtsCompute); null or absent: no budget. */
  budget?: number | null;
  /** Prices for models without their own `price` (default: what the provider charges). */
  prices?: PriceTable;
}

/** Options of `run` and `runItem`: how calls are made, plus how many items run at once. */
export interface RunOptions extends Omit<CallOptions, "itemKey" | "seed" | "prices"> {
  /** Seed of the evaluation (default 0). */
  seed?: number;
  /** Items in flight at once (default 4). */
  concurrency?: number;
  /** Names item i in rollout ids (default `item-<i>`). */
  itemKey?: (index: number) => string;
}

/** What a run over several items did. */
export interface PipelineRun {
  items: ItemRun[];
  /** Planned compute per item under the configuration (AgentTTS units). */
  plannedCompute: number;
  /** Measured compute, summed over the items (AgentTTS units). */
  compute: number;
  cost: LlmCost;
  /** Calls made (samples, including failed ones). */
  calls: number;
  /** Samples whose reply was malformed or whose request was rejected. */
  failedSamples: number;
  /**
   * The cost under the ledger's names: `flops` (measured AgentTTS units, summed over items),
   * `usd` (absent when some model had no price), `input_tokens`, `cached_input_tokens`,
   * `output_tokens`, `reasoning_tokens`, `llm_calls`.
   */
  ledger: Record<string, number>;
}

/**
 * A multi-stage pipeline in the sense of AgentTTS (Wang et al. 2025, arXiv:2508.00890): each
 * stage picks a model among candidates and a sample count, and merges its samples by majority
 * vote or best-of-N; the stages run in order, each seeing the outputs of the ones before. The
 * config space has `<stage>.model` (categorical) and `<stage>.samples` (int) per stage. Compute
 * is counted in AgentTTS units (agentTtsCompute); `plannedCompute(config)` is known before
 * running, so an optimizer can drop allocations over `budget` without spending anything.
 *
 * @example
 * const pipeline = new MultiStagePipeline({ stages: [draft, answer], budget: 850 });
 * pipeline.plannedCompute({ "draft.model": "small", "draft.samples": 4, "answer.model": "large", "answer.samples": 1 });
 * const run = await pipeline.run(items, config, { provider: openAICompatible({ baseURL }) });
 */
export class MultiStagePipeline<I> {
  readonly stages: readonly StageDefinition<I, any>[];
  /** Planned compute allowed per item (AgentTTS units), or null. */
  readonly budget: number | null;
  readonly prices: PriceTable | undefined;
  /** `<stage>.model` and `<stage>.samples` for each stage, in stage order. */
  readonly space: Space;

  /** Throws ValidationError listing every problem of the stage definitions. */
  constructor(options: MultiStagePipelineOptions<I>) {
    this.stages = options.stages;
    this.budget = options.budget ?? null;
    this.prices = options.prices;
    const issues = checkStages(this.stages, this.budget);
    if (issues.length > 0) throw new ValidationError(issues, "multi-stage pipeline");
    const definition: Record<string, Param> = {};
    for (const stage of this.stages) {
      definition[`${stage.name}.model`] = categorical(stage.models.map((model) => model.name));
      definition[`${stage.name}.samples`] = int(stage.samples.min, stage.samples.max);
    }
    this.space = Space.parse(definition);
  }

  /** The model and sample count of each stage under `config` (validated against `space`). */
  allocation(config: Config): Record<string, StageAllocation> {
    this.space.validate(config);
    const allocation: Record<string, StageAllocation> = {};
    for (const stage of this.stages) {
      const model = stage.models.find((candidate) => candidate.name === config[`${stage.name}.model`]) as StageAllocation["model"];
      allocation[stage.name] = { model, samples: config[`${stage.name}.samples`] as number };
    }
    return allocation;
  }

  /**
   * Planned compute of one stage for one item, in AgentTTS units: the stage's planned prompt
   * and decode lengths, `samples` samples of `model`. Throws on an unknown stage or model.
   */
  plannedStageCompute(stageName: string, modelName: string, samples: number): number {
    const stage = this.stages.find((candidate) => candidate.name === stageName);
    if (!stage) throw new ValidationError([{ code: "unknown_stage", path: [stageName], message: `unknown stage; the stages are ${this.stages.map((s) => s.name).join(", ")}` }]);
    const model = stage.models.find((candidate) => candidate.name === modelName);
    if (!model) throw new ValidationError([{ code: "unknown_model", path: [stageName, modelName], message: `unknown model; the candidates are ${stage.models.map((m) => m.name).join(", ")}` }]);
    return agentTtsCompute({ paramsBillions: model.paramsBillions, promptTokens: stage.plannedTokens.prompt, decodeTokens: samples * stage.plannedTokens.decode });
  }

  /**
   * The most samples of `model` a stage can draw within `units` of planned compute per item
   * (the inverse of plannedStageCompute, as AgentTTS' convert_budget_to_num_samples), capped at
   * the stage's maximum; 0 when fewer than its minimum fit.
   */
  maxSamplesWithin(stageName: string, modelName: string, units: number): number {
    const stage = this.stages.find((candidate) => candidate.name === stageName);
    const planned = (samples: number) => this.plannedStageCompute(stageName, modelName, samples);
    planned(1); // throws on an unknown stage or model
    const { min, max } = (stage as StageDefinition<I, unknown>).samples;
    if (planned(min) > units) return 0;
    let low = min;
    let high = max;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (planned(mid) <= units) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Planned compute per item under `config`, summed over the stages (AgentTTS units). Runs nothing. */
  plannedCompute(config: Config): number {
    const allocation = this.allocation(config);
    let total = 0;
    for (const stage of this.stages) {
      const { model, samples } = allocation[stage.name];
      total += this.plannedStageCompute(stage.name, model.name, samples);
    }
    return total;
  }

  /** Planned compute minus the budget: > 0 when `config` is over budget; null without a budget. */
  budgetViolation(config: Config): number | null {
    return this.budget === null ? null : this.plannedCompute(config) - this.budget;
  }

  /** True when `config` fits the budget (always, without one). */
  withinBudget(config: Config): boolean {
    return (this.budgetViolation(config) ?? 0) <= 0;
  }

  /**
   * Runs the stages in order on one item. When every sample of a stage fails, the item stops
   * there (`failedStage`). Errors other than a malformed reply or a rejected request are thrown.
   */
  async runItem(item: I, config: Config, options: CallOptions): Promise<ItemRun> {
    const allocation = this.allocation(config);
    const run: ItemRun = { stages: [], outputs: {}, failedStage: null, compute: 0, cost: zeroCost() };
    for (const stage of this.stages) {
      const stageRun = await runStage(stage, allocation[stage.name], { item, outputs: run.outputs }, { prices: this.prices, ...options });
      run.stages.push(stageRun);
      run.compute += stageRun.compute;
      run.cost = addCosts(run.cost, stageRun.cost);
      if (stageRun.chosen === null) {
        run.failedStage = stage.name;
        break;
      }
      run.outputs[stage.name] = stageRun.output;
    }
    return run;
  }

  /** Runs every item (at most `concurrency` at once) and adds up what they cost. */
  async run(items: readonly I[], config: Config, options: RunOptions): Promise<PipelineRun> {
    const plannedCompute = this.plannedCompute(config);
    const seed = options.seed ?? 0;
    const itemKey = options.itemKey ?? ((index: number) => `item-${index}`);
    const runs = await mapLimit(items, options.concurrency ?? 4, (item, index) =>
      this.runItem(item, config, { ...options, seed, itemKey: itemKey(index) }),
    );
    let cost = zeroCost();
    let compute = 0;
    let calls = 0;
    let failedSamples = 0;
    for (const run of runs) {
      cost = addCosts(cost, run.cost);
      compute += run.compute;
      for (const stage of run.stages) {
        calls += stage.samples.length;
        failedSamples += stage.samples.filter((sample) => sample.error !== undefined).length;
      }
    }
    return { items: runs, plannedCompute, compute, cost, calls, failedSamples, ledger: { flops: compute, ...toLedgerCost(cost), llm_calls: calls } };
  }
}
