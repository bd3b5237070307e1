import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ChecksumMismatchError, TaskDataError } from "../../../src/bench/task/index.js";
import { ValidationError } from "../../../src/errors/index.js";
import {
  CHROMA_CHUNKING_ENV,
  CHROMA_CORPORA,
  CorpusDataError,
  loadChromaChunking,
  loadCorpusFolder,
  resolveChromaChunkingPath,
} from "../../../src/systems/rag/index.js";
import { useTmpDir } from "../../helpers/cli.js";

const tmp = useTmpDir();

const fixture = fileURLToPath(new URL("./fixtures/tiny-corpus", import.meta.url));
const chromaData = fileURLToPath(new URL("../../../../shared/data/chroma-chunking", import.meta.url));
const haveChroma = (() => {
  try {
    resolveChromaChunkingPath(chromaData);
    return true;
  } catch {
    return false;
  }
})();

const TASK_YAML = "license: CC0-1.0\nsource: {repo: test}\n";
const DOCS = '{"id": "d1", "text": "Hello world."}\n{"id": "d2", "text": "Second doc."}\n';

/** A corpus folder in a temporary directory with the given files (defaults: two documents, one question). */
function folderWith(files: Record<string, string>): string {
  const dir = tmp();
  const all = { "documents.jsonl": DOCS, "questions.jsonl": '{"id": "q1", "question": "Hi?"}\n', "task.yaml": TASK_YAML, ...files };
  for (const [name, text] of Object.entries(all)) if (text !== "") writeFileSync(join(dir, name), text);
  return dir;
}

function errorOf(run: () => unknown): any {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("loadCorpusFolder", () => {
  it("loads the test fixture: documents, questions, answers, references, source and license", () => {
    const corpus = loadCorpusFolder(fixture);
    expect(corpus.name).toBe("tiny-corpus");
    expect(corpus.documents.map((d) => d.id)).toEqual(["lighthouse", "orchard", "glacier"]);
    expect(corpus.questions).toHaveLength(8);
    expect(corpus.license).toBe("CC0-1.0");
    expect(corpus.source?.repo).toBe("knobs test fixture (invented text)");
    const q2 = corpus.questions[1];
    expect(q2.answers).toEqual(["Ada Morrow", "keeper Ada Morrow"]);
    expect(q2.references).toEqual([{ docId: "lighthouse", start: 65, end: 109 }]);
    expect(corpus.documents[0].text.slice(65, 109)).toBe("Its lamp was first lit by keeper Ada Morrow.");
    expect(corpus.questions[7].references).toBeUndefined();
    expect(Object.keys(corpus.sha256 ?? {})).toEqual(["documents.jsonl", "questions.jsonl"]);
  });

  it("names the file and line of a line that is not JSON", () => {
    const dir = folderWith({ "documents.jsonl": '{"id": "d1", "text": "x"}\n\n{"id": "d2", "text": \n' });
    const error = errorOf(() => loadCorpusFolder(dir));
    expect(error).toBeInstanceOf(CorpusDataError);
    expect(error.code).toBe("task_data_error");
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/documents\.jsonl, line 3: not valid JSON: /);
  });

  it("names the field of a missing or mistyped value", () => {
    const missing = errorOf(() => loadCorpusFolder(folderWith({ "documents.jsonl": '{"id": "d1"}\n' })));
    expect(missing.message).toMatch(/documents\.jsonl, line 1: field "text": missing: expected a string$/);
    expect(missing.field).toBe("text");
    const typed = errorOf(() => loadCorpusFolder(folderWith({ "documents.jsonl": '{"id": 7, "text": "x"}\n' })));
    expect(typed.message).toMatch(/documents\.jsonl, line 1: field "id": expected a string, received an integer$/);
    const notObject = errorOf(() => loadCorpusFolder(folderWith({ "questions.jsonl": "[1, 2]\n" })));
    expect(notObject.message).toMatch(/questions\.jsonl, line 1: expected a JSON object, received an array$/);
    const answers = errorOf(() => loadCorpusFolder(folderWith({ "questions.jsonl": '{"id": "q", "question": "?", "answers": ["a", 3]}\n' })));
    expect(answers.message).toMatch(/questions\.jsonl, line 1: field "answers\[1\]": expected a string, received an integer$/);
  });

  it("rejects duplicate ids, naming the first line", () => {
    const error = errorOf(() => loadCorpusFolder(folderWith({ "documents.jsonl": '{"id": "d1", "text": "a"}\n{"id": "d1", "text": "b"}\n' })));
    expect(error.message).toMatch(/documents\.jsonl, line 2: field "id": duplicate id "d1" \(first on line 1\)$/);
  });

  it("checks each reference against its document", () => {
    const reference = (ref: string) => folderWith({ "questions.jsonl": `{"id": "q", "question": "?", "references": [${ref}]}\n` });
    expect(errorOf(() => loadCorpusFolder(reference('{"doc_id": "d9", "start": 0, "end": 1}'))).message).toMatch(
      /line 1: field "references\[0\]\.doc_id": no document with id "d9" in documents\.jsonl$/,
    );
    expect(errorOf(() => loadCorpusFolder(reference('{"doc_id": "d1", "start": 0, "end": 99}'))).message).toMatch(
      /field "references\[0\]\.end": end=99 is past the end of document "d1" \(length 12\)$/,
    );
    expect(errorOf(() => loadCorpusFolder(reference('{"doc_id": "d1", "start": 5, "end": 5}'))).message).toMatch(
      /field "references\[0\]\.end": expected end > start, got start=5, end=5$/,
    );
    expect(errorOf(() => loadCorpusFolder(reference('{"doc_id": "d1", "start": 1.5, "end": 5}'))).message).toMatch(
      /field "references\[0\]\.start": expected a non-negative integer, received 1\.5$/,
    );
  });

  it("requires the three files and a license in task.yaml", () => {
    const noQuestions = errorOf(() => loadCorpusFolder(folderWith({ "questions.jsonl": "" })));
    expect(noQuestions).toBeInstanceOf(TaskDataError);
    expect(noQuestions.message).toMatch(/questions\.jsonl: missing: a corpus folder holds documents\.jsonl, questions\.jsonl, task\.yaml$/);
    const noLicense = errorOf(() => loadCorpusFolder(folderWith({ "task.yaml": "source: {repo: test}\n" })));
    expect(noLicense).toBeInstanceOf(ValidationError);
    expect(noLicense.message).toMatch(/task\.yaml: license: a license is required: set `license` \(or `source\.license`\)$/);
    const unknownKey = errorOf(() => loadCorpusFolder(folderWith({ "task.yaml": TASK_YAML + "colour: red\n" })));
    expect(unknownKey).toBeInstanceOf(ValidationError);
  });

  it("checks a file against the SHA-256 task.yaml records", () => {
    const dir = folderWith({ "task.yaml": TASK_YAML + `sha256: {documents.jsonl: "${"0".repeat(64)}"}\n` });
    expect(errorOf(() => loadCorpusFolder(dir))).toBeInstanceOf(ChecksumMismatchError);
  });
});

describe("loadChromaChunking", () => {
  /** A chroma-style folder: five tiny corpora (the first with a character outside the BMP) and a questions CSV. */
  function fakeChroma(questionsCsv: string): string {
    const dir = tmp();
    mkdirSync(join(dir, "corpora"));
    for (const id of CHROMA_CORPORA) writeFileSync(join(dir, "corpora", `${id}.md`), id === "chatlogs" ? "Hi \u{1F600} there. Bye now." : `Text of ${id}.`);
    writeFileSync(join(dir, "questions_df.csv"), questionsCsv);
    return dir;
  }

  it("maps Python code-point offsets to UTF-16 offsets and checks each span's content", () => {
    // "Hi 😀 there. Bye now.": in code points "there." is [5, 11); in UTF-16 it is [6, 12).
    const csv = 'question,references,corpus_id\n"Where?","[{""content"": ""there."", ""start_index"": 5, ""end_index"": 11}]",chatlogs\n';
    const corpus = loadChromaChunking(fakeChroma(csv), { verify: false });
    expect(corpus.documents.map((d) => d.id)).toEqual([...CHROMA_CORPORA]);
    expect(corpus.questions).toEqual([{ id: "0", question: "Where?", references: [{ docId: "chatlogs", start: 6, end: 12 }] }]);
  });

  it("names the row and column of a bad reference or corpus", () => {
    const wrong = 'question,references,corpus_id\n"Where?","[{""content"": ""nope"", ""start_index"": 0, ""end_index"": 4}]",finance\n';
    expect(errorOf(() => loadChromaChunking(fakeChroma(wrong), { verify: false })).message).toMatch(
      /questions_df\.csv, row 1 \(line 2\), column "references": reference 0: the corpus text at \[0, 4\) differs from its content$/,
    );
    const corpus = 'question,references,corpus_id\n"Where?","[]",novels\n';
    expect(errorOf(() => loadChromaChunking(fakeChroma(corpus), { verify: false })).message).toMatch(/column "corpus_id": unknown corpus "novels"/);
  });

  it("checks the known SHA-256 of each file unless told not to", () => {
    const csv = 'question,references,corpus_id\n"Where?","[{""content"": ""Text"", ""start_index"": 0, ""end_index"": 4}]",finance\n';
    expect(errorOf(() => loadChromaChunking(fakeChroma(csv)))).toBeInstanceOf(ChecksumMismatchError);
  });

  it("names the environment variable when the data is missing", () => {
    const empty = tmp();
    const error = errorOf(() => resolveChromaChunkingPath(undefined, { [CHROMA_CHUNKING_ENV]: empty }));
    expect(error).toBeInstanceOf(TaskDataError);
    expect(error.message).toContain(`from $${CHROMA_CHUNKING_ENV}`);
    expect(error.message).toContain(`set ${CHROMA_CHUNKING_ENV} to the folder holding questions_df.csv and corpora/`);
  });

  it.skipIf(!haveChroma)("loads the real data: 5 corpora, 472 questions, 790 gold spans whose text matches", () => {
    const corpus = loadChromaChunking(chromaData);
    expect(corpus.documents.map((d) => [d.id, d.text.length])).toEqual([
      ["chatlogs", 40000],
      ["finance", 737905],
      ["pubmed", 500000],
      ["state_of_the_union", 48051],
      ["wikitexts", 118372],
    ]);
    expect(corpus.questions).toHaveLength(472);
    expect(corpus.questions.flatMap((q) => q.references ?? [])).toHaveLength(790);
    expect(corpus.license).toBe("MIT");
    expect(corpus.sha256?.["questions_df.csv"]).toBe("3ab3901889b8900f43775537bf12d36bd6614255fc59124faca31bede1dda7a3");
    const sotu = corpus.documents[3].text;
    const first = corpus.questions[0].references?.[0];
    expect(first && sotu.slice(first.start, first.end)).toBe("My administration announced we\u2019re cutting credit card late fees from $32 to $8.");
  });

  it.skipIf(!haveChroma)("fails on an edited copy with the checksum error", () => {
    const dir = tmp();
    cpSync(chromaData, dir, { recursive: true });
    const csv = join(dir, "questions_df.csv");
    writeFileSync(csv, readFileSync(csv, "utf8").replace("What significant", "What notable"));
    expect(errorOf(() => loadChromaChunking(dir))).toBeInstanceOf(ChecksumMismatchError);
  });
});
