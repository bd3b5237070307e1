import type { ChatMessage } from "../../../llm/index.js";
import { wordTokens } from "../../rag/index.js";
import { SampleParseError } from "../sample-parse-error.js";
import type { CandidateModel, StageContext, StageDefinition } from "../spec.js";
import type { TwoWikiQuestion } from "./load-two-wiki.js";
import { stripReasoning } from "./reply-text.js";

/** 0-based indices of the passages a sample selected, in the order the model named them. */
export type PassageSelection = number[];

export interface RetrieveStageOptions {
  models: readonly CandidateModel[];
  samples: { min: number; max: number };
  /** `majority-vote` over the selected sets (default), or `best-of-n` by question-term coverage. */
  aggregation?: "majority-vote" | "best-of-n";
  /** Passages a selection keeps at most (the first named; default 8). */
  maxSelected?: number;
  temperature?: number;
}

/**
 * The retrieval stage of the 2WikiMultiHopQA task: the model reads the question and the numbered
 * candidate passages and names those needed to answer it, as a JSON list of numbers. Planned
 * lengths are AgentTTS' for this subtask (prompt 2048, decode 128 tokens).
 */
export function retrieveStage(options: RetrieveStageOptions): StageDefinition<TwoWikiQuestion, PassageSelection> {
  const maxSelected = options.maxSelected ?? 8;
  return {
    name: "retrieve",
    models: options.models,
    samples: options.samples,
    plannedTokens: { prompt: 2048, decode: 128 },
    temperature: options.temperature,
    aggregation:
      options.aggregation === "best-of-n"
        ? { kind: "best-of-n", score: (selection, context) => selectionScore(context.item, selection) }
        : { kind: "majority-vote", key: (selection) => [...selection].sort((a, b) => a - b).join(",") },
    messages: ({ item }) => retrieveMessages(item, maxSelected),
    parse: (reply, { item }: StageContext<TwoWikiQuestion>) => parseSelection(reply, item.passages.length, maxSelected),
  };
}

/** The retrieval prompt: the question, every candidate passage numbered from 1, and the reply format. */
export function retrieveMessages(item: TwoWikiQuestion, maxSelected: number): ChatMessage[] {
  const passages = item.passages.map((passage, i) => `[${i + 1}] ${passage}`).join("\n");
  return [
    { role: "system", content: "You select the evidence needed to answer multi-hop questions." },
    {
      role: "user",
      content:
        `Question: ${item.question}\n\nCandidate passages:\n${passages}\n\n` +
        "Which passages are needed to answer the question? A multi-hop question usually needs facts from more than one passage. " +
        `Reply with the passage numbers as a JSON list, most relevant first, at most ${maxSelected}, e.g. [4, 17], and nothing else.`,
    },
  ];
}

/**
 * Reads a selection: the last `[...]` list of numbers in the reply (after any reasoning block),
 * mapped to 0-based indices, duplicates dropped, cut to `maxSelected`. `[]` is an empty
 * selection. Throws SampleParseError when there is no such list or a number is not a passage.
 */
export function parseSelection(reply: string, passages: number, maxSelected: number): PassageSelection {
  const lists = [...stripReasoning(reply).matchAll(/\[([\d\s,]*)\]/g)];
  if (lists.length === 0) throw new SampleParseError("a JSON list of passage numbers such as [4, 17]", reply);
  const numbers = lists[lists.length - 1][1].split(",").map((part) => part.trim()).filter((part) => part !== "");
  const selection: number[] = [];
  for (const part of numbers) {
    const number = Number(part);
    if (!Number.isInteger(number) || number < 1 || number > passages) throw new SampleParseError(`passage numbers between 1 and ${passages}`, reply);
    if (!selection.includes(number - 1)) selection.push(number - 1);
  }
  return selection.slice(0, maxSelected);
}

// Question words that say nothing about which passage holds the answer.
const STOPWORDS = new Set(
  "a an the of in on at to for by with from and or is was are were be been who whom whose what which when where why how did does do film".split(" "),
);

/**
 * The best-of-N scorer of selections (it never looks at the gold passages): the share of the
 * question's distinct content words found in the selected passages, minus 0.001 per passage so
 * that of two selections covering as much, the smaller wins.
 */
export function selectionScore(item: TwoWikiQuestion, selection: PassageSelection): number {
  const terms = new Set(wordTokens(item.question).filter((term) => !STOPWORDS.has(term)));
  if (terms.size === 0) return -selection.length / 1000;
  const found = new Set<string>();
  for (const index of selection) for (const token of wordTokens(item.passages[index])) if (terms.has(token)) found.add(token);
  return found.size / terms.size - selection.length / 1000;
}

/** Recall of the gold passages: the share of distinct gold passages the selection holds. */
export function selectionRecall(item: TwoWikiQuestion, selection: PassageSelection | null): number {
  if (item.goldCount === 0) return 0;
  if (!selection) return 0;
  return item.gold.filter((index) => selection.includes(index)).length / item.goldCount;
}
