import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, verifyChecksum } from "../../../bench/tabular/index.js";
import { TaskDataError, type TaskSource } from "../../../bench/task/index.js";
import { codePointToUtf16 } from "./code-point-offsets.js";
import type { Corpus, GoldSpan, RagDocument, RagQuestion } from "./spec.js";

/** The five corpora of the chroma chunking evaluation, in the order the task lists them. */
export const CHROMA_CORPORA = ["chatlogs", "finance", "pubmed", "state_of_the_union", "wikitexts"] as const;

/**
 * SHA-256 of each file, from ../shared/data/SHA256SUMS (copied unchanged from
 * brandonstarxel/chunking_evaluation @ d451fc4c). The loader checks them so that every run
 * scores against the same data.
 */
export const CHROMA_CHUNKING_SHA256: Readonly<Record<string, string>> = {
  "corpora/chatlogs.md": "543a98f82b2a6a492349fd7f8c9d6c3e78d1a4af81d13c79a7fd513c3f65bda6",
  "corpora/finance.md": "1c48d0156820abc88e46e5c992fa0cd2708b07ae59a3771b2b18234b7208561f",
  "corpora/pubmed.md": "0fd9242ffb253695e5d0f0215cb79a66a2a8f1236591e764c60d370747684ced",
  "corpora/state_of_the_union.md": "6fc21d560d31eb2421e337596feea0f83f1fa9ca02c6c4e47bc26959d7531b37",
  "corpora/wikitexts.md": "74cafcdb771185ecb9f22cc41b73e2e44477e0636ecf9cf1f96fd6ee0f4b86c0",
  "questions_df.csv": "3ab3901889b8900f43775537bf12d36bd6614255fc59124faca31bede1dda7a3",
};

/** Where the chroma chunking data comes from. */
export const CHROMA_CHUNKING_SOURCE: TaskSource = {
  repo: "brandonstarxel/chunking_evaluation",
  commit: "d451fc4cf56e417b755994b4ca5212fd5057c0d2",
  path: "chunking_evaluation/evaluation_framework/general_evaluation_data/",
  license: "MIT",
  citation: "Smith and Troynikov, Evaluating Chunking Strategies for Retrieval, Chroma technical report, 2024 (research.trychroma.com/evaluating-chunking)",
};

export interface LoadChromaChunkingOptions {
  /** Check each file against CHROMA_CHUNKING_SHA256 (default true); turn off only for edited copies. */
  verify?: boolean;
}

/**
 * Loads the chroma chunking evaluation data from `folder` (holding `corpora/<id>.md` and
 * `questions_df.csv`) into the in-memory corpus form: one document per corpus (id = corpus
 * id), one question per CSV row (id = the 0-based row index, as in the upstream DataFrame),
 * each reference `{content, start_index, end_index}` becoming a gold span of document
 * `corpus_id`. Upstream offsets are Python (code-point) indices; they are mapped to UTF-16
 * offsets, and each span's text is checked against `content`. The data is read from the
 * path, never copied into the package (the corpora's upstream sources are not stated).
 */
export function loadChromaChunking(folder: string, options: LoadChromaChunkingOptions = {}): Corpus {
  const verify = options.verify ?? true;
  const sha256: Record<string, string> = {};
  const read = (file: string) => {
    const path = join(folder, file);
    if (!existsSync(path)) throw new TaskDataError({ file: path }, "missing: the chroma-chunking folder holds corpora/<id>.md for each corpus and questions_df.csv");
    const bytes = readFileSync(path);
    sha256[file] = verifyChecksum(path, bytes, verify ? CHROMA_CHUNKING_SHA256[file] : undefined, "the known checksums (CHROMA_CHUNKING_SHA256)", false);
    return bytes.toString("utf8");
  };
  const documents: RagDocument[] = CHROMA_CORPORA.map((id) => ({ id, title: id, text: read(`corpora/${id}.md`) }));
  const questionsFile = join(folder, "questions_df.csv");
  const questions = readQuestions(read("questions_df.csv"), questionsFile, documents);
  return {
    name: "chroma-chunking",
    documents,
    questions,
    description: "Chroma chunking evaluation: 5 corpora, 472 questions with gold character spans",
    license: "MIT",
    source: CHROMA_CHUNKING_SOURCE,
    sha256,
  };
}

function readQuestions(text: string, file: string, documents: readonly RagDocument[]): RagQuestion[] {
  const csv = parseCsv(text, file);
  const column = (name: string) => {
    const at = csv.header.indexOf(name);
    if (at < 0) throw new TaskDataError({ file, column: name }, `missing column: expected question, references, corpus_id`);
    return at;
  };
  const [questionAt, referencesAt, corpusAt] = ["question", "references", "corpus_id"].map(column);
  const byId = new Map(documents.map((d) => [d.id, { document: d, offsets: codePointToUtf16(d.text) }]));
  return csv.records.map((record, r) => {
    const where = (columnName: string) => ({ file, row: r + 1, line: csv.lines[r], column: columnName });
    const corpus = byId.get(record[corpusAt]);
    if (!corpus) throw new TaskDataError(where("corpus_id"), `unknown corpus "${record[corpusAt]}": expected one of ${CHROMA_CORPORA.join(", ")}`);
    let raw: unknown;
    try {
      raw = JSON.parse(record[referencesAt]);
    } catch (error) {
      throw new TaskDataError(where("references"), `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!Array.isArray(raw) || raw.length === 0) throw new TaskDataError(where("references"), "expected a non-empty JSON list of {content, start_index, end_index}");
    const references: GoldSpan[] = raw.map((item: Record<string, unknown>, i) => {
      const start = item?.start_index;
      const end = item?.end_index;
      if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number)) {
        throw new TaskDataError(where("references"), `reference ${i}: expected integers 0 <= start_index < end_index, got ${String(start)}, ${String(end)}`);
      }
      const span = { docId: corpus.document.id, start: toUtf16(corpus.offsets, start as number), end: toUtf16(corpus.offsets, end as number) };
      if (span.end > corpus.document.text.length) throw new TaskDataError(where("references"), `reference ${i}: end_index ${String(end)} is past the end of corpus "${span.docId}"`);
      if (typeof item.content === "string" && corpus.document.text.slice(span.start, span.end) !== item.content) {
        throw new TaskDataError(where("references"), `reference ${i}: the corpus text at [${String(start)}, ${String(end)}) differs from its content`);
      }
      return span;
    });
    return { id: String(r), question: record[questionAt], references };
  });
}

function toUtf16(offsets: Int32Array | null, codePoint: number): number {
  if (offsets === null) return codePoint;
  return codePoint < offsets.length ? offsets[codePoint] : Number.MAX_SAFE_INTEGER;
}
