import type { ChatMessage } from "../../../llm/index.js";
import { normalizeAnswer } from "../../rag/index.js";
import { SampleParseError } from "../sample-parse-error.js";
import type { CandidateModel, StageDefinition } from "../spec.js";
import type { TwoWikiQuestion } from "./load-two-wiki.js";
import { stripReasoning } from "./reply-text.js";
import type { PassageSelection } from "./retrieve-stage.js";

export interface AnswerStageOptions {
  models: readonly CandidateModel[];
  samples: { min: number; max: number };
  temperature?: number;
  /** Name of the stage whose selection the answer reads (default "retrieve"). */
  from?: string;
}

/**
 * The answer stage of the 2WikiMultiHopQA task: the model answers the question from the passages
 * the retrieval stage selected; samples are merged by majority vote over SQuAD-normalized
 * answers. Planned lengths are AgentTTS' for this subtask (prompt 256, decode 64 tokens).
 */
export function answerStage(options: AnswerStageOptions): StageDefinition<TwoWikiQuestion, string> {
  const from = options.from ?? "retrieve";
  return {
    name: "answer",
    models: options.models,
    samples: options.samples,
    plannedTokens: { prompt: 256, decode: 64 },
    temperature: options.temperature,
    aggregation: { kind: "majority-vote", key: normalizeAnswer },
    messages: ({ item, outputs }) => answerMessages(item, (outputs[from] as PassageSelection | undefined) ?? []),
    parse: (reply) => parseShortAnswer(reply),
  };
}

/** The answer prompt: the selected passages (numbered in selection order), the question, and the reply format. */
export function answerMessages(item: TwoWikiQuestion, selection: PassageSelection): ChatMessage[] {
  const passages = selection.length === 0 ? "(none selected)" : selection.map((index, i) => `[${i + 1}] ${item.passages[index]}`).join("\n");
  return [
    { role: "system", content: "You answer multi-hop questions from the given passages." },
    {
      role: "user",
      content: `Passages:\n${passages}\n\nQuestion: ${item.question}\nReply with the answer only (a name, date, place, number, or yes/no), no explanation.`,
    },
  ];
}

/**
 * Reads a short answer: the reply without reasoning blocks, the text after the last "Answer:"
 * if there is one, its first non-empty line, without surrounding double quotes, ** or final period.
 * Throws SampleParseError when nothing is left.
 *
 * @example
 * parseShortAnswer('Answer: **"Małgorzata Braunek"**.\nShe is his mother.'); // "Małgorzata Braunek"
 */
export function parseShortAnswer(reply: string): string {
  let text = stripReasoning(reply);
  const markers = [...text.matchAll(/answer:/gi)];
  const last = markers[markers.length - 1];
  if (last) text = text.slice((last.index as number) + last[0].length);
  const line = text.split(/\r?\n/).map((part) => part.trim()).find((part) => part !== "") ?? "";
  let answer = line;
  for (let before = ""; answer !== before; ) {
    before = answer;
    answer = answer.replace(/\.$/, "").replace(/^\*\*|\*\*$/g, "").replace(/^["“”]+|["“”]+$/g, "").trim();
  }
  if (answer === "") throw new SampleParseError("a short answer", reply);
  return answer;
}
