/**
 * The tool-calling agent loop: tools, settings, and what a run returns. Types only; runAgent
 * implements the loop.
 */
import type { FinishReason, JsonSchema, LlmCost, ToolCall, Usage } from "../../llm/index.js";

/** A tool the model may call. */
export interface AgentTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonSchema;
  /**
   * Runs one call. A string result is sent back as it is, anything else as JSON; a throw is sent
   * back as `error: <message>` so the model can correct itself.
   */
  handler: (args: Record<string, unknown>, context: { signal?: AbortSignal }) => unknown;
}

/** A per-task cost cap: the loop stops before a call that could take the spend past it. */
export interface AgentBudget {
  /** Dollars (needs a price for the model). */
  usd?: number;
  /** Tokens of every kind (input, cached input, output, reasoning). */
  tokens?: number;
}

/** The tunable settings of the loop. */
export interface AgentSettings {
  model: string;
  /** Sampling temperature (default 0). */
  temperature?: number;
  /** Model calls allowed (>= 1); reaching it without an answer stops with `max_iterations`. */
  maxIterations: number;
  /**
   * Tool rounds allowed (>= 0): a tool round is a model turn that calls tools, and the rounds of
   * a task form one chain of consecutive tool use. Once it is used up, the next calls offer no
   * tools and ask for the answer; 0 answers without tools.
   */
  maxToolDepth: number;
  budget?: AgentBudget;
  /** Output token cap of each call (default 512); the budget check counts it in full. */
  maxTokens?: number;
  /** Tool calls run per turn (default 8); the rest are answered "not run". */
  maxToolCallsPerTurn?: number;
}

export type StopReason = "answer" | "max_iterations" | "budget" | "error";

/** One tool call of a turn and what it returned. */
export interface ToolResult {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  /** The text sent back to the model. */
  content: string;
  /** True when the handler threw, the tool is unknown, or the call was not run. */
  isError: boolean;
}

/** One model call of a run. */
export interface AgentStep {
  /** 0-based. */
  iteration: number;
  /** Whether this call offered the tools (false once `maxToolDepth` rounds are used). */
  toolsOffered: boolean;
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  toolResults: ToolResult[];
  usage: Usage;
  cost: LlmCost;
  /** True when the answer came from a replay cache. */
  cached: boolean;
}

/** What a run returns. */
export interface AgentRun {
  /** The final answer (the last reply's text, trimmed), or null when the run stopped otherwise. */
  answer: string | null;
  stopReason: StopReason;
  steps: AgentStep[];
  /** What the calls spent (zero tokens for replay-cache hits). */
  cost: LlmCost;
  /** Tool rounds used. */
  toolRounds: number;
  /** Tool calls made (including failed ones). */
  toolCalls: number;
  /** With stopReason `error`: the malformed reply or rejected request that ended the run. */
  error?: { code: string; message: string };
}
