/**
 * A tool-calling agent loop with its limits as tunable settings (iteration limit, tool-call
 * depth, per-task budget in tokens or usd, model, temperature), a trace of every step and the
 * reason it stopped; a BM25 passage-search tool; and the live task `agent/2wiki-search`
 * (AgentTTS' 2WikiMultiHopQA questions answered with search). See docs/agent-loop.md.
 *
 * @example
 * import { runAgent, passageSearchTool, openAICompatible } from "knobs";
 * const run = await runAgent({
 *   provider: openAICompatible({ baseURL: "https://api.openai.com/v1" }),
 *   tools: [passageSearchTool(passages, { topK: 3 })],
 *   messages: [{ role: "user", content: "Who is the mother of the director of film Polish-Russian War?" }],
 *   settings: { model: "gpt-4o-mini", maxIterations: 6, maxToolDepth: 3, budget: { tokens: 20_000 } },
 * });
 * console.log(run.answer, run.stopReason, run.steps.length);
 */
export type { AgentBudget, AgentRun, AgentSettings, AgentStep, AgentTool, StopReason, ToolResult } from "./spec.js";
export { ANSWER_NOW, runAgent, type RunAgentOptions } from "./run-agent.js";
export { passageSearchTool, type PassageSearchOptions, type PassageSearchTool } from "./passage-search-tool.js";
export { AGENT_DEFAULT_MODELS, agentSettingsFromConfig, agentSpace } from "./agent-space.js";
export {
  AGENT_SYSTEM_PROMPT,
  twoWikiAgentMessages,
  twoWikiSearchTask,
  TwoWikiSearchTask,
  type TwoWikiSearchResult,
  type TwoWikiSearchTaskOptions,
} from "./two-wiki-search-task.js";
