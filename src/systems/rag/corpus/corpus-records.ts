import { CorpusDataError } from "./corpus-data-error.js";
import { describeJson, type JsonlRecord } from "./read-jsonl.js";
import type { GoldSpan, RagDocument, RagQuestion } from "./spec.js";

/**
 * Checks the records of documents.jsonl (`{"id", "text", "title"?}`): ids are non-empty
 * strings and unique, text a string, title a string when present. Other fields are ignored.
 */
export function toDocuments(records: readonly JsonlRecord[], file: string): RagDocument[] {
  const seen = new Map<string, number>();
  return records.map(({ line, value }) => {
    const at = (field: string) => ({ file, line, field });
    const id = requireString(value, "id", at("id"), true);
    const previous = seen.get(id);
    if (previous !== undefined) throw new CorpusDataError(at("id"), `duplicate id "${id}" (first on line ${previous})`);
    seen.set(id, line);
    const text = requireString(value, "text", at("text"), false);
    const document: RagDocument = { id, text };
    if (value.title !== undefined) document.title = requireString(value, "title", at("title"), false);
    return document;
  });
}

/**
 * Checks the records of questions.jsonl (`{"id", "question", "answers"?: [..],
 * "references"?: [{"doc_id", "start", "end"}]}`): unique ids, a non-empty question, answers
 * an array of strings, each reference naming a known document with integer offsets
 * 0 <= start < end <= the document's length.
 */
export function toQuestions(records: readonly JsonlRecord[], file: string, documents: readonly RagDocument[]): RagQuestion[] {
  const lengths = new Map(documents.map((d) => [d.id, d.text.length]));
  const seen = new Map<string, number>();
  return records.map(({ line, value }) => {
    const at = (field: string) => ({ file, line, field });
    const id = requireString(value, "id", at("id"), true);
    const previous = seen.get(id);
    if (previous !== undefined) throw new CorpusDataError(at("id"), `duplicate id "${id}" (first on line ${previous})`);
    seen.set(id, line);
    const question: RagQuestion = { id, question: requireString(value, "question", at("question"), true) };
    if (value.answers !== undefined) {
      const answers = requireArray(value.answers, at("answers"));
      question.answers = answers.map((answer, a) => {
        if (typeof answer !== "string") throw new CorpusDataError(at(`answers[${a}]`), `expected a string, received ${describeJson(answer)}`);
        return answer;
      });
    }
    if (value.references !== undefined) {
      const references = requireArray(value.references, at("references"));
      question.references = references.map((reference, r) => toReference(reference, (field) => at(`references[${r}]${field}`), lengths));
    }
    return question;
  });
}

function toReference(
  value: unknown,
  at: (field: string) => { file: string; line: number; field: string },
  lengths: ReadonlyMap<string, number>,
): GoldSpan {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CorpusDataError(at(""), `expected an object {"doc_id", "start", "end"}, received ${describeJson(value)}`);
  }
  const record = value as Record<string, unknown>;
  const docId = requireString(record, "doc_id", at(".doc_id"), true);
  const length = lengths.get(docId);
  if (length === undefined) throw new CorpusDataError(at(".doc_id"), `no document with id "${docId}" in documents.jsonl`);
  const start = requireOffset(record, "start", at(".start"));
  const end = requireOffset(record, "end", at(".end"));
  if (end <= start) throw new CorpusDataError(at(".end"), `expected end > start, got start=${start}, end=${end}`);
  if (end > length) throw new CorpusDataError(at(".end"), `end=${end} is past the end of document "${docId}" (length ${length})`);
  return { docId, start, end };
}

function requireString(value: Record<string, unknown>, key: string, location: { file: string; line: number; field: string }, nonEmpty: boolean): string {
  const field = value[key];
  if (field === undefined) throw new CorpusDataError(location, "missing: expected a string");
  if (typeof field !== "string") throw new CorpusDataError(location, `expected a string, received ${describeJson(field)}`);
  if (nonEmpty && field.trim() === "") throw new CorpusDataError(location, "expected a non-empty string");
  return field;
}

function requireArray(field: unknown, location: { file: string; line: number; field: string }): unknown[] {
  if (!Array.isArray(field)) throw new CorpusDataError(location, `expected an array, received ${describeJson(field)}`);
  return field;
}

function requireOffset(value: Record<string, unknown>, key: string, location: { file: string; line: number; field: string }): number {
  const field = value[key];
  if (field === undefined) throw new CorpusDataError(location, "missing: expected a non-negative integer");
  if (typeof field !== "number" || !Number.isInteger(field) || field < 0) {
    throw new CorpusDataError(location, `expected a non-negative integer, received ${typeof field === "number" ? field : describeJson(field)}`);
  }
  return field;
}
