import { categorical, float, int, Space, type Config } from "../../space/index.js";
import type { AgentSettings } from "./spec.js";

/** The default model choices of the agent tasks: small OpenAI models with tool calling and a known price. */
export const AGENT_DEFAULT_MODELS: readonly string[] = ["gpt-4.1-nano", "gpt-4o-mini", "gpt-4.1-mini"];

/**
 * The config space of the agent loop: `model`, `temperature` [0, 1], `max_iterations` [1, 10],
 * `max_tool_depth` [0, 6], `budget_tokens` [2000, 64000] (log), `search_top_k` [1, 10].
 */
export function agentSpace(models: readonly string[] = AGENT_DEFAULT_MODELS): Space {
  return Space.parse({
    model: categorical([...models]),
    temperature: float(0, 1),
    max_iterations: int(1, 10),
    max_tool_depth: int(0, 6),
    budget_tokens: int(2000, 64000, { log: true }),
    search_top_k: int(1, 10),
  });
}

/** The loop settings and the search depth of a configuration of agentSpace (already validated). */
export function agentSettingsFromConfig(config: Config, servedModel: (name: string) => string = (name) => name): { settings: AgentSettings; topK: number } {
  return {
    settings: {
      model: servedModel(config.model as string),
      temperature: config.temperature as number,
      maxIterations: config.max_iterations as number,
      maxToolDepth: config.max_tool_depth as number,
      budget: { tokens: config.budget_tokens as number },
    },
    topK: config.search_top_k as number,
  };
}
