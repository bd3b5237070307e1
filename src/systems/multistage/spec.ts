/**
 * The shape of a multi-stage pipeline (AgentTTS, Wang et al. 2025, arXiv:2508.00890): a
 * sequence of stages, each answering with one model chosen among candidates and a number of
 * samples merged by an aggregation. Types only; MultiStagePipeline runs them.
 */
import type { ChatMessage, LlmCost, ModelPrice, Usage } from "../../llm/index.js";

/** A model a stage may use. */
export interface CandidateModel {
  /** The name the config space uses and requests carry (see `servedModel` to route it elsewhere). */
  name: string;
  /** Parameter count in billions, for the AgentTTS compute estimate. */
  paramsBillions: number;
  /** Price in $ per million tokens; default: the pipeline's price table, else the provider's. */
  price?: ModelPrice;
}

/** What a stage sees: the item, and the aggregated outputs of the stages before it. */
export interface StageContext<I> {
  item: I;
  /** Aggregated output of each earlier stage, by stage name. */
  outputs: Readonly<Record<string, unknown>>;
}

/**
 * How a stage merges its samples into one output.
 *
 * - `majority-vote`: the output whose `key` most samples share; a tie goes to the key whose
 *   first sample came first, and the output kept is that first sample's.
 * - `best-of-n`: the output `score` rates highest; a tie goes to the earlier sample.
 *
 * Failed samples (malformed replies) take no part.
 */
export type Aggregation<I, O> =
  | { kind: "majority-vote"; key: (output: O) => string }
  | { kind: "best-of-n"; score: (output: O, context: StageContext<I>) => number };

/** One stage of a pipeline over items of type I, producing outputs of type O. */
export interface StageDefinition<I, O> {
  /** Name used in the config space (`<name>.model`, `<name>.samples`): letters, digits, `_` or `-`. */
  name: string;
  /** Candidate models; the first is the default. */
  models: readonly CandidateModel[];
  /** Range of the sample count, both ends included (min >= 1). */
  samples: { min: number; max: number };
  aggregation: Aggregation<I, O>;
  /**
   * Prompt and decode lengths of one call, in tokens, that `plannedCompute` assumes (AgentTTS
   * fixes one pair per subtask, e.g. 2048 and 128 for retrieval). Measured compute uses the real counts.
   */
  plannedTokens: { prompt: number; decode: number };
  /** The messages of one call; every sample of a stage sends the same ones. */
  messages(context: StageContext<I>): ChatMessage[];
  /** Reads one reply; throws SampleParseError when it is malformed (the sample then fails alone). */
  parse(reply: string, context: StageContext<I>): O;
  /** Sampling temperature (default 0.7, so repeated samples differ). */
  temperature?: number;
  /** Output token cap of a call (default `plannedTokens.decode`). */
  maxTokens?: number;
}

/** A stage's model and sample count under one configuration. */
export interface StageAllocation {
  model: CandidateModel;
  samples: number;
}

/** One sample of a stage: the reply and its parsed output, or why it failed. */
export interface SampleResult {
  index: number;
  /** The reply text ("" when the call itself failed). */
  text: string;
  /** The parsed output, when the reply could be read. */
  output?: unknown;
  /** Why the sample failed: a malformed reply or a rejected request. */
  error?: { code: string; message: string };
  usage: Usage;
  cost: LlmCost;
}

/** What one stage did for one item. */
export interface StageRun {
  stage: string;
  model: string;
  samples: SampleResult[];
  /** The aggregated output; null when every sample failed. */
  output: unknown;
  /** Index of the sample whose output was kept, or null. */
  chosen: number | null;
  /** Measured compute in AgentTTS units (see agentTtsCompute), from the real token counts. */
  compute: number;
  cost: LlmCost;
}

/** What the pipeline did for one item. */
export interface ItemRun {
  stages: StageRun[];
  /** Aggregated output of each stage that produced one. */
  outputs: Record<string, unknown>;
  /** The first stage whose samples all failed (later stages did not run), or null. */
  failedStage: string | null;
  compute: number;
  cost: LlmCost;
}
