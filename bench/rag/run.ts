/**
 * The live RAG task `rag/chroma-chunking` (5 corpora, 472 questions; real data read from
 * ../shared/data/chroma-chunking or $KNOBS_CHROMA_CHUNKING). Prints:
 *
 * 1. time to chunk + BM25-index all five corpora and answer all 472 questions, for a few
 *    configurations (the corpus is read and word-tokenized once per process; that time is
 *    printed apart);
 * 2. IoU / recall / precision of the default configuration against the best (by IoU) of
 *    `--trials` random-search trials, for each of `--seeds` seeds.
 *
 *   npx tsx bench/rag/run.ts [--trials 50] [--seeds 1] [--path <data folder>]
 */
import { performance } from "node:perf_hooks";
import { cpus } from "node:os";
import { randomSampler } from "../../src/samplers/index.js";
import type { Config } from "../../src/space/index.js";
import { chromaChunkingTask, DEFAULT_RAG_CONFIG, evaluateLexical, parseRagSettings } from "../../src/systems/rag/index.js";
import { runSampler } from "../../src/testing/index.js";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const trials = Number(option("trials") ?? 50);
const seeds = Number(option("seeds") ?? 1);
const task = chromaChunkingTask({ path: option("path"), cacheSize: 2 });
const f = (value: number, digits = 4) => value.toFixed(digits);

let started = performance.now();
const indexer = task.load();
console.log(`rag/chroma-chunking: ${indexer.corpus.documents.length} corpora, ${indexer.corpus.questions.length} questions; ${cpus().length} cores, node ${process.version}`);
console.log(`read + check + word-tokenize the corpora once: ${f(performance.now() - started, 0)} ms (vocabulary ${indexer.vocabularySize} terms)\n`);

const timed: [string, Config][] = [
  ["default (recursive 800, 25%)", DEFAULT_RAG_CONFIG],
  ["chars 400, 0%", { ...DEFAULT_RAG_CONFIG, chunker: "chars", chunk_size: 400, overlap_pct: 0 }],
  ["tokens 128, 10%", { chunker: "tokens", chunk_tokens: 128, overlap_pct: 10, bm25_k1: 1.2, bm25_b: 0.75, rerank: false, top_k: 5 }],
  ["recursive 200, 0%, rerank", { ...DEFAULT_RAG_CONFIG, chunk_size: 200, overlap_pct: 0, rerank: true, rerank_threshold: 0.3 }],
  ["recursive 64, 50%, top 20", { ...DEFAULT_RAG_CONFIG, chunk_size: 64, overlap_pct: 50, top_k: 20 }],
];
console.log("time for one configuration (cold index: chunk + index all 5 corpora, then answer all questions)");
console.log("| configuration | chunks | index ms | 472 queries ms | total ms | IoU | recall | precision |");
console.log("|---|---|---|---|---|---|---|---|");
for (const [name, config] of timed) {
  task.space.validate(config);
  started = performance.now();
  const result = evaluateLexical(indexer, parseRagSettings(config), task.metricMode);
  const total = performance.now() - started;
  const s = result.scores;
  console.log(`| ${name} | ${result.index.chunks.length} | ${f(result.index.buildMs, 0)} | ${f(result.queryMs, 0)} | ${f(total, 0)} | ${f(s.iou)} | ${f(s.recall)} | ${f(s.precision)} |`);
}

const base = evaluateLexical(indexer, parseRagSettings(DEFAULT_RAG_CONFIG), task.metricMode).scores;
console.log(`\ndefault ${JSON.stringify(DEFAULT_RAG_CONFIG)}`);
console.log(`  IoU ${f(base.iou)}  recall ${f(base.recall)}  precision ${f(base.precision)}  hit rate ${f(base.hitRate)}  MRR ${f(base.mrr)}  nDCG ${f(base.ndcg)}\n`);

console.log(`random search, ${trials} trials per seed, maximizing IoU`);
console.log("| seed | best IoU | its recall | its precision | best config | wall s |");
console.log("|---|---|---|---|---|---|");
for (let seed = 0; seed < seeds; seed++) {
  started = performance.now();
  const history = await runSampler({
    sampler: randomSampler({ seed }),
    space: task.space,
    objectives: [{ name: "iou", direction: "maximize" }],
    evaluate: (config) => task.evaluate(config, null, seed).values,
    trials,
  });
  const best = history.reduce((a, b) => ((b.values as number[])[0] > (a.values as number[])[0] ? b : a));
  const [iou, recall, precision] = best.values as number[];
  console.log(`| ${seed} | ${f(iou)} | ${f(recall)} | ${f(precision)} | \`${JSON.stringify(best.config)}\` | ${f((performance.now() - started) / 1000, 1)} |`);
}
