/**
 * The in-memory form of a RAG corpus: documents, questions with gold answers and gold
 * character spans. Every loader (corpus folder, chroma-chunking) produces this. Types only.
 */
import type { TaskSource } from "../../../bench/task/index.js";

/** One document. Character offsets everywhere are UTF-16 code-unit indices into `text`. */
export interface RagDocument {
  id: string;
  text: string;
  title?: string;
}

/** A gold evidence span: characters [start, end) of one document. */
export interface GoldSpan {
  docId: string;
  start: number;
  end: number;
}

/** One question, with gold answers (for answer metrics) and gold spans (for retrieval metrics). */
export interface RagQuestion {
  id: string;
  question: string;
  answers?: string[];
  references?: GoldSpan[];
}

/** A loaded corpus: documents, questions, and where the data comes from. */
export interface Corpus {
  /** A short name (the folder name or data set id). */
  name: string;
  documents: RagDocument[];
  questions: RagQuestion[];
  /** Where the data comes from, when known (a corpus folder's task.yaml). */
  source?: TaskSource;
  license?: string;
  description?: string;
  /** SHA-256 of each file the corpus was read from, by path relative to its folder. */
  sha256?: Record<string, string>;
}
