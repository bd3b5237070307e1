/** What every LLM-guided optimizer shares: its LLM, versioned prompt templates, JSON replies. */
export { llmOptionSchema, requireAgentLlm, resolveAgentLlm, type AgentLlm, type AgentLlmOptions } from "./agent-llm.js";
export { loadPrompt, renderPrompt, type PromptTemplate } from "./prompt-template.js";
export { AgentReplyError, askJson, readJson, type AskJsonOptions, type JsonAnswer } from "./ask-json.js";
