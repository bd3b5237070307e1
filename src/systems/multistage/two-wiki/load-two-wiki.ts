import { readFileSync } from "node:fs";
import { verifyChecksum } from "../../../bench/tabular/index.js";
import { TaskDataError, type TaskSource } from "../../../bench/task/index.js";

/** SHA-256 of tts_test.json as copied from FairyFali/AgentTTS_Code @ 3f0c2df8 (../shared/data/SHA256SUMS). */
export const TWO_WIKI_SHA256 = "a2da92029084e0a2fd63b2d59f220593cd64093133087094870f7da09704cf4f";

/** Where the questions come from. */
export const TWO_WIKI_SOURCE: TaskSource = {
  repo: "FairyFali/AgentTTS_Code",
  commit: "3f0c2df814c059d0df57a71056c3266ff02c8559",
  path: "data/2wikimultihopqa/tts_test.json",
  license: "Apache-2.0",
  citation:
    "Wang et al., AgentTTS: Large Language Model Agent for Test-time Compute-optimal Scaling Strategy in Complex Tasks, arXiv:2508.00890; " +
    "Ho et al., Constructing A Multi-hop QA Dataset for Comprehensive Evaluation of Reasoning Steps (2WikiMultiHopQA), COLING 2020",
};

/** One question: its gold answers, its candidate passages, and which of them are gold. */
export interface TwoWikiQuestion {
  /** 0-based position in the file. */
  index: number;
  question: string;
  answers: string[];
  /** The candidate passages (`ctxs_candidate`), in file order; prompts number them from 1. */
  passages: string[];
  /** 0-based indices in `passages` of the gold passages (`ctxs_gt`) found among them. */
  gold: number[];
  /** Number of distinct gold passages, found among the candidates or not (the recall denominator). */
  goldCount: number;
}

export interface TwoWikiData {
  file: string;
  sha256: string;
  questions: TwoWikiQuestion[];
}

export interface LoadTwoWikiOptions {
  /** Check the file against TWO_WIKI_SHA256 (default true); turn off for other files of the same shape. */
  verify?: boolean;
}

/**
 * Reads AgentTTS' 2WikiMultiHopQA questions: a JSON array of `{question, answers[],
 * ctxs_candidate[], ctxs_gt[]}` (passages are plain strings). Throws TaskDataError naming the
 * file, the question (row = 1-based position) and the field when the shape is wrong, and
 * ChecksumMismatchError when `verify` is on and the file differs from the known one.
 */
export function loadTwoWiki(file: string, options: LoadTwoWikiOptions = {}): TwoWikiData {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new TaskDataError({ file }, `cannot be read (${(error as Error).message})`);
  }
  const sha256 = verifyChecksum(file, bytes, options.verify ?? true ? TWO_WIKI_SHA256 : undefined, "the known checksum (TWO_WIKI_SHA256)", false);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new TaskDataError({ file }, `is not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new TaskDataError({ file }, "expected a non-empty JSON array of questions");
  return { file, sha256, questions: parsed.map((record, index) => readQuestion(record, index, file)) };
}

function readQuestion(record: unknown, index: number, file: string): TwoWikiQuestion {
  const fail = (column: string, problem: string) => new TaskDataError({ file, row: index + 1, column }, problem);
  if (typeof record !== "object" || record === null) throw fail("(question)", "expected an object");
  const fields = record as Record<string, unknown>;
  const strings = (column: string, nonEmpty: boolean): string[] => {
    const value = fields[column];
    if (!Array.isArray(value) || value.some((entry) => typeof entry !== "string")) throw fail(column, "expected an array of strings");
    if (nonEmpty && value.length === 0) throw fail(column, "expected at least one entry");
    return value as string[];
  };
  if (typeof fields.question !== "string" || fields.question.trim() === "") throw fail("question", "expected a non-empty string");
  const passages = strings("ctxs_candidate", true);
  const goldTexts = [...new Set(strings("ctxs_gt", false))];
  const position = new Map<string, number>();
  passages.forEach((passage, i) => {
    if (!position.has(passage)) position.set(passage, i);
  });
  const gold = goldTexts.flatMap((text) => (position.has(text) ? [position.get(text) as number] : []));
  return { index, question: fields.question, answers: strings("answers", true), passages, gold, goldCount: goldTexts.length };
}
