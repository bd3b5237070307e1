import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { TaskDataError } from "../../../src/bench/task/index.js";
import { ValidationError } from "../../../src/errors/index.js";
import { rngFor } from "../../../src/math/index.js";
import {
  CHROMA_CHUNKING_ENV,
  chromaChunkingTask,
  corpusTask,
  DEFAULT_RAG_CONFIG,
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

describe("corpusTask on the tiny fixture", () => {
  const task = corpusTask(fixture);

  it("describes an offline BM25 task: space, objectives, costs, source", () => {
    expect(task.id).toBe("tiny-corpus");
    expect(task.space.names).toContain("bm25_k1");
    expect(task.space.names).not.toContain("retriever");
    expect(task.objectives).toEqual([
      { name: "iou", direction: "maximize" },
      { name: "recall", direction: "maximize" },
      { name: "precision", direction: "maximize" },
    ]);
    expect(task.costNames).toEqual(["chunks", "index_ms", "tokens_indexed"]);
    expect(task.fidelitySpace).toBeNull();
    expect(task.synthetic).toBe(false);
    expect(task.license).toBe("CC0-1.0");
    expect(Object.keys(task.sha256 ?? {})).toEqual(["documents.jsonl", "questions.jsonl"]);
  });

  it("with one chunk per document and top_k 1 scores gold length / document length (hand-checked)", () => {
    // Each document is one chunk; BM25 ranks the right document first for all 7 questions with
    // gold spans, so recall = 1 and precision = IoU = |gold| / |document| for each question.
    const corpus = loadCorpusFolder(fixture);
    const lengths = new Map(corpus.documents.map((d) => [d.id, d.text.length]));
    const scored = corpus.questions.filter((q) => q.references);
    const ratio = scored.reduce((sum, q) => sum + (q.references![0].end - q.references![0].start) / (lengths.get(q.references![0].docId) as number), 0) / scored.length;
    const result = task.evaluate({ ...DEFAULT_RAG_CONFIG, chunker: "chars", chunk_size: 4096, overlap_pct: 0, top_k: 1 }, null, 0);
    expect(result.values[1]).toBe(1);
    expect(result.values[0]).toBeCloseTo(ratio, 12);
    expect(result.values[2]).toBeCloseTo(ratio, 12);
    expect(result.cost.chunks).toBe(3);
    expect(result.cost.tokens_indexed).toBe(corpus.documents.reduce((sum, d) => sum + d.text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length, 0));
    expect(result.cost.index_ms).toBeGreaterThanOrEqual(0);
    expect(result.elapsedSeconds).toBeGreaterThanOrEqual(0);
  });

  it("is deterministic: the same values from the cache, from a new task, and whatever the seed", () => {
    const rng = rngFor(3, "rag-task");
    for (let i = 0; i < 20; i++) {
      const config = task.space.sample(rng);
      const first = task.evaluate(config, null, 0);
      const again = task.evaluate(config, null, 7);
      const fresh = corpusTask(fixture).evaluate(config, null, 0);
      expect(again.values).toEqual(first.values);
      expect(fresh.values).toEqual(first.values);
      expect(fresh.cost.chunks).toBe(first.cost.chunks);
      expect(fresh.cost.tokens_indexed).toBe(first.cost.tokens_indexed);
      for (const value of first.values) expect(value >= 0 && value <= 1).toBe(true);
    }
  });

  it("rejects a configuration outside its space", () => {
    expect(() => task.evaluate({ ...DEFAULT_RAG_CONFIG, retriever: "dense" }, null, 0)).toThrow(ValidationError);
    expect(() => task.evaluate({ ...DEFAULT_RAG_CONFIG, top_k: 0 }, null, 0)).toThrow(ValidationError);
  });

  it("needs questions with gold spans", () => {
    const dir = tmp();
    writeFileSync(join(dir, "documents.jsonl"), '{"id": "d", "text": "Some text."}\n');
    writeFileSync(join(dir, "questions.jsonl"), '{"id": "q", "question": "What?", "answers": ["text"]}\n');
    writeFileSync(join(dir, "task.yaml"), "license: CC0-1.0\nsource: {repo: test}\n");
    expect(() => corpusTask(dir)).toThrow(/questions\.jsonl: no question has "references"/);
  });
});

describe("rag/chroma-chunking", () => {
  const saved = process.env[CHROMA_CHUNKING_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[CHROMA_CHUNKING_ENV];
    else process.env[CHROMA_CHUNKING_ENV] = saved;
  });

  it("builds without the data and names the environment variable on first evaluate", () => {
    process.env[CHROMA_CHUNKING_ENV] = tmp();
    const task = chromaChunkingTask();
    expect(task.id).toBe("rag/chroma-chunking");
    expect(task.license).toBe("MIT");
    expect(task.source.commit).toBe("d451fc4cf56e417b755994b4ca5212fd5057c0d2");
    expect(task.sha256).toBeUndefined();
    const error = (() => {
      try {
        task.evaluate(DEFAULT_RAG_CONFIG, null, 0);
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(TaskDataError);
    expect(error?.message).toContain(`set ${CHROMA_CHUNKING_ENV} to the folder`);
  });

  it.skipIf(!haveChroma)("scores the default configuration on the 472 questions, deterministically", () => {
    const task = chromaChunkingTask({ path: chromaData });
    const config = { ...DEFAULT_RAG_CONFIG, chunk_size: 400 };
    const first = task.evaluate(config, null, 0);
    const second = chromaChunkingTask({ path: chromaData }).evaluate(config, null, 1);
    expect(second.values).toEqual(first.values);
    expect(second.cost.chunks).toBe(first.cost.chunks);
    const [iou, recall, precision] = first.values;
    expect(recall).toBeGreaterThan(0.5);
    expect(iou).toBeGreaterThan(0);
    expect(iou).toBeLessThanOrEqual(precision);
    expect(first.cost.chunks).toBeGreaterThan(1000);
    expect(Object.keys(task.sha256 ?? {}).sort()).toEqual(["corpora/chatlogs.md", "corpora/finance.md", "corpora/pubmed.md", "corpora/state_of_the_union.md", "corpora/wikitexts.md", "questions_df.csv"]);
  });
});
