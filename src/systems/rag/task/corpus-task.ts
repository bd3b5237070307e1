import { loadCorpusFolder } from "../corpus/load-corpus-folder.js";
import type { SpanMetricMode } from "../metrics/span-metrics.js";
import { RagRetrievalTask } from "./rag-retrieval-task.js";
import { TaskDataError } from "../../../bench/task/index.js";
import { join } from "node:path";

export interface CorpusTaskOptions {
  /** How retrieved text is counted (default "chroma"). */
  metricMode?: SpanMetricMode;
  /** Chunk indexes kept in memory (default 4). */
  cacheSize?: number;
}

/**
 * A retrieval task on a corpus folder (documents.jsonl, questions.jsonl, task.yaml): the same
 * offline BM25 task as `rag/chroma-chunking`, scored on the questions' gold `references`. The
 * folder is read now, so a bad folder fails here with file, line and field; a folder whose
 * questions have no references throws TaskDataError (answer metrics need an LLM: use
 * ragPipeline).
 *
 * @example
 * const task = corpusTask("my-corpus/");
 * task.evaluate(task.space.sample(rngFor(0, "demo")), null, 0).values; // [iou, recall, precision]
 */
export function corpusTask(folder: string, options: CorpusTaskOptions = {}): RagRetrievalTask {
  const corpus = loadCorpusFolder(folder);
  if (!corpus.questions.some((q) => q.references && q.references.length > 0)) {
    throw new TaskDataError(
      { file: join(folder, "questions.jsonl") },
      'no question has "references": the offline retrieval task scores retrieved chunks against gold spans [{"doc_id", "start", "end"}]',
    );
  }
  const source = corpus.source ?? { repo: folder, commit: "", path: "", license: corpus.license ?? "unknown" };
  const task = new RagRetrievalTask({
    id: corpus.name,
    description: corpus.description ?? `RAG retrieval on corpus folder ${folder}: maximize character IoU of retrieved chunks vs gold spans`,
    source,
    license: corpus.license ?? source.license,
    metricMode: options.metricMode,
    cacheSize: options.cacheSize,
    load: () => corpus,
  });
  task.load();
  return task;
}
