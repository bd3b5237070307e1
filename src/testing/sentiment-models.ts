/**
 * An offline LLM demo: scripted stand-ins for the two LLMs of the generative-prompt example
 * (examples/generative-prompt), answering over the scripted HTTP server. Both are rules, not
 * models:
 *
 * - the system under test ("sut-model") labels a message from its system prompt: without
 *   an instruction to answer with the label only it answers in a sentence; it reads
 *   sarcasm literally unless the prompt mentions sarcasm; it calls a mixed message by its
 *   first half unless the prompt says what to do with mixed messages.
 * - the optimizer ("gpt-4o-mini") reads the update prompt's feedback and adds the
 *   instruction that fixes the first error pattern it sees and the prompt lacks.
 */
import { chatCompletion, type ReceivedRequest, type ScriptedReply, type ScriptedServer } from "./scripted-server.js";
import { TRAIN, VALIDATION } from "./sentiment-dataset.js";

/** The model name the scripted classifier (the system under test) answers to. */
export const SENTIMENT_SUT_MODEL = "sut-model";
/** The model name the scripted optimizer answers to (any other name gets the optimizer too). */
export const SENTIMENT_OPTIMIZER_MODEL = "gpt-4o-mini";

const FIXES = [
  { symptom: "(not one of the labels", instruction: "Answer with the label only: positive, negative or neutral.", why: "answers were sentences, not labels" },
  { symptom: 'expected negative, got "positive"', instruction: "Watch for sarcasm: praise words wrapped around a complaint mean the message is negative.", why: "sarcastic complaints were read as praise" },
  { symptom: "expected neutral, got", instruction: "If a message is mixed, with both a positive and a negative point, answer neutral.", why: "mixed messages were labelled by one half" },
];

/** How the simulated classifier answers one message under a system prompt. */
export function sutAnswer(systemPrompt: string, message: string): string {
  const example = [...TRAIN, ...VALIDATION].find((candidate) => candidate.text === message);
  if (!example) return "neutral";
  let label: string = example.label;
  if (example.kind === "sarcasm" && !/sarcas/i.test(systemPrompt)) label = "positive";
  if (example.kind === "mixed" && !/mixed/i.test(systemPrompt)) label = "positive";
  return /label only/i.test(systemPrompt) ? label : `The sentiment of this message is ${label}.`;
}

/** The rule-based optimizer's reply to an update prompt: `{ reasoning, artifact }` as JSON text. */
export function optimizerAnswer(prompt: string): string {
  const artifact = /<artifact name="system_prompt" format="prompt">\n([\s\S]*?)\n<\/artifact>/.exec(prompt)?.[1] ?? "";
  const feedback = prompt.slice(prompt.indexOf("# Feedback"), prompt.indexOf("# Past updates"));
  const fix = FIXES.find((candidate) => feedback.includes(candidate.symptom) && !artifact.includes(candidate.instruction));
  if (!fix) return JSON.stringify({ reasoning: "No error pattern I can fix.", artifact });
  return JSON.stringify({ reasoning: `The ${fix.why}; adding an instruction for it.`, artifact: `${artifact}\n${fix.instruction}` });
}

/** Answers /chat/completions for both models, by the request's model name. */
export function answerScripted(request: ReceivedRequest): ScriptedReply {
  const messages = request.body.messages as { role: string; content: string }[];
  if (request.body.model === SENTIMENT_SUT_MODEL) {
    const system = messages.find((message) => message.role === "system")?.content ?? "";
    const user = messages.find((message) => message.role === "user")?.content ?? "";
    return { body: chatCompletion({ content: sutAnswer(system, user), model: SENTIMENT_SUT_MODEL, usage: { prompt_tokens: 40, completion_tokens: 3, total_tokens: 43 } }) };
  }
  const prompt = messages[messages.length - 1].content;
  return { body: chatCompletion({ content: optimizerAnswer(prompt), usage: { prompt_tokens: 1500, completion_tokens: 120, total_tokens: 1620 } }) };
}

/**
 * Makes the server answer both models of the sentiment demo.
 *
 * @example
 * const server = serveSentimentModels(await ScriptedServer.start());
 * const provider = openAICompatible({ baseURL: server.baseURL, apiKeyEnv: null });
 */
export function serveSentimentModels(server: ScriptedServer): ScriptedServer {
  return server.respond("/chat/completions", answerScripted);
}
