/**
 * The objective of the generative-prompt example: the system under test is one LLM call
 * per message, with the trained `system_prompt` as its system message. A training trial
 * scores a minibatch of 4 training messages; a validation trial (fidelity
 * `{ split: "validation" }`, proposed by the generative optimizer) scores the whole
 * validation set. The score is accuracy; the feedback (`userAttrs.feedback`, one trace
 * entry per message) says which answers were wrong and why, for the optimizer to read.
 */
import { openAICompatible, toLedgerCost, type Config, type ObjectiveResult, type Provider, type Trial } from "knobs";
import { LABELS, trainingMinibatch, VALIDATION, type Example, type Label } from "./dataset.js";

export interface SentimentObjectiveOptions {
  provider: Provider;
  /** The model of the system under test. */
  model: string;
}

/** An objective for `study.optimize`: accuracy of the prompt on the trial's examples, with feedback. */
export function sentimentObjective(options: SentimentObjectiveOptions): (trial: Trial) => Promise<ObjectiveResult> {
  return (trial) => scorePrompt(trial.config, trial, options);
}

async function scorePrompt(config: Config, trial: Trial, options: SentimentObjectiveOptions): Promise<ObjectiveResult> {
  const validation = trial.fidelity?.split === "validation";
  const examples = validation ? VALIDATION : trainingMinibatch(trial.number);
  const trace: string[] = [];
  let correct = 0;
  for (const example of examples) {
    const response = await options.provider.chat({
      model: options.model,
      messages: [
        { role: "system", content: String(config.system_prompt) },
        { role: "user", content: example.text },
      ],
      temperature: 0,
      rolloutId: `trial-${trial.number}-${example.id}`,
      signal: trial.signal,
    });
    trial.addCost(toLedgerCost(response.cost));
    const answer = response.text.trim();
    const label = readLabel(answer);
    if (label === example.label) correct++;
    trace.push(describeAnswer(example, answer, label));
  }
  return { values: { accuracy: correct / examples.length }, userAttrs: { feedback: trace } };
}

/** The label in an answer, when the answer is a label alone (a trailing period is allowed). */
function readLabel(answer: string): Label | null {
  const word = answer.toLowerCase().replace(/[.!]$/, "");
  return (LABELS as readonly string[]).includes(word) ? (word as Label) : null;
}

function describeAnswer(example: Example, answer: string, label: Label | null): string {
  if (label === example.label) return `${example.id} "${example.text}": correct (${label})`;
  const why = label === null ? ` (not one of the labels ${LABELS.join(", ")})` : "";
  return `${example.id} "${example.text}": expected ${example.label}, got "${answer}"${why}`;
}

/**
 * The module form for `knobs optimize` (see study.yaml): the system under test is reached at
 * EXAMPLE_BASE_URL (default OpenAI) with model EXAMPLE_MODEL (default gpt-4o-mini) and the
 * key in OPENAI_API_KEY (set EXAMPLE_NO_KEY=1 for a local server without one).
 */
export async function evaluate(config: Config, trial: Trial): Promise<ObjectiveResult> {
  provider ??= openAICompatible({
    baseURL: process.env.EXAMPLE_BASE_URL ?? "https://api.openai.com/v1",
    apiKeyEnv: process.env.EXAMPLE_NO_KEY ? null : "OPENAI_API_KEY",
  });
  return scorePrompt(config, trial, { provider, model: process.env.EXAMPLE_MODEL ?? "gpt-4o-mini" });
}

let provider: Provider | undefined;
