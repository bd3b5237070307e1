import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { sha256Hex, verifyChecksum } from "../../../bench/tabular/index.js";
import { TaskDataError } from "../../../bench/task/index.js";
import { toDocuments, toQuestions } from "./corpus-records.js";
import { readCorpusTaskYaml } from "./corpus-task-yaml.js";
import { parseJsonl } from "./read-jsonl.js";
import type { Corpus } from "./spec.js";

const FILES = ["documents.jsonl", "questions.jsonl", "task.yaml"] as const;

/**
 * Loads a corpus folder (DESIGN.md "Corpus folder"): documents.jsonl, questions.jsonl and
 * task.yaml. Errors name the file, the line and the field (CorpusDataError), a bad
 * task.yaml field (ValidationError), or a missing file (TaskDataError). When task.yaml
 * records `sha256` for a file, the file is checked against it (ChecksumMismatchError).
 *
 * @example
 * const corpus = loadCorpusFolder("test/systems/rag/fixtures/tiny-corpus");
 * corpus.questions[0].references; // [{ docId: "lighthouse", start: 0, end: 52 }]
 */
export function loadCorpusFolder(folder: string): Corpus {
  const root = resolve(folder);
  const name = basename(root);
  for (const file of FILES) {
    if (!existsSync(join(root, file))) throw new TaskDataError({ file: join(folder, file) }, `missing: a corpus folder holds ${FILES.join(", ")}`);
  }
  const display = (file: string) => join(folder, file);
  const yaml = readCorpusTaskYaml(join(root, "task.yaml"), display("task.yaml"));
  const sha256: Record<string, string> = {};
  const read = (file: string) => {
    const bytes = readFileSync(join(root, file));
    const expected = yaml.sha256?.[file];
    sha256[file] = expected === undefined ? sha256Hex(bytes) : verifyChecksum(display(file), bytes, expected, display("task.yaml"), false);
    return bytes.toString("utf8");
  };
  const documents = toDocuments(parseJsonl(read("documents.jsonl"), display("documents.jsonl")), display("documents.jsonl"));
  if (documents.length === 0) throw new TaskDataError({ file: display("documents.jsonl") }, "no documents: expected one JSON object per line");
  const questions = toQuestions(parseJsonl(read("questions.jsonl"), display("questions.jsonl")), display("questions.jsonl"), documents);
  if (questions.length === 0) throw new TaskDataError({ file: display("questions.jsonl") }, "no questions: expected one JSON object per line");
  const license = yaml.license ?? (yaml.source.license as string);
  return {
    name: yaml.id ?? name,
    documents,
    questions,
    description: yaml.description,
    license,
    source: {
      repo: yaml.source.repo,
      commit: yaml.source.commit ?? "",
      path: yaml.source.path ?? "",
      license,
      ...(yaml.source.citation === undefined ? {} : { citation: yaml.source.citation }),
    },
    sha256,
  };
}
