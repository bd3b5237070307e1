import type { Evaluation, Objective, Task, TaskSource } from "../../../bench/task/index.js";
import type { Config, Space } from "../../../space/index.js";
import type { Corpus } from "../corpus/spec.js";
import type { SpanMetricMode } from "../metrics/span-metrics.js";
import { CorpusIndexer } from "../pipeline/corpus-indexer.js";
import { evaluateLexical } from "../pipeline/evaluate-lexical.js";
import { parseRagSettings } from "../pipeline/rag-settings.js";
import { ragSpace } from "../pipeline/rag-space.js";

export interface RagRetrievalTaskOptions {
  id: string;
  description: string;
  source: TaskSource;
  license: string;
  /** Reads the corpus; called on first use (so listing tasks never needs the data). */
  load: () => Corpus;
  /** How retrieved text is counted (default "chroma", see SpanMetricMode). */
  metricMode?: SpanMetricMode;
  /** Chunk indexes kept in memory (default 4). */
  cacheSize?: number;
}

/**
 * A live, offline RAG retrieval task: `evaluate` chunks and BM25-indexes the corpus under the
 * configuration (the index is cached per chunking, LRU), retrieves for every question and scores
 * the retrieved chunks against the gold character spans. No LLM; the space is ragSpace() (BM25
 * only). Values: [iou, recall, precision], all maximized, means over questions. Costs: `chunks`,
 * `index_ms` (measured time to chunk and index, reported for a cached index too so the cost
 * belongs to the configuration, not to the cache state) and `tokens_indexed`. `elapsedSeconds`
 * is the measured index plus query time. Values are deterministic and ignore the seed; the
 * measured times are not, and stay out of the values.
 */
export class RagRetrievalTask implements Task {
  readonly id: string;
  readonly description: string;
  readonly space: Space = ragSpace();
  readonly fidelitySpace = null;
  readonly objectives: readonly Objective[] = [
    { name: "iou", direction: "maximize" },
    { name: "recall", direction: "maximize" },
    { name: "precision", direction: "maximize" },
  ];
  readonly costNames = ["chunks", "index_ms", "tokens_indexed"];
  readonly source: TaskSource;
  readonly license: string;
  readonly synthetic = false;
  readonly metricMode: SpanMetricMode;
  private readonly options: RagRetrievalTaskOptions;
  private indexer: CorpusIndexer | undefined;

  constructor(options: RagRetrievalTaskOptions) {
    this.options = options;
    this.id = options.id;
    this.description = options.description;
    this.source = options.source;
    this.license = options.license;
    this.metricMode = options.metricMode ?? "chroma";
  }

  /** SHA-256 of each data file, once the data is loaded. */
  get sha256(): Readonly<Record<string, string>> | undefined {
    return this.indexer?.corpus.sha256;
  }

  /** Reads and tokenizes the corpus (once); evaluate calls it. Throws the loader's error when the data is missing or bad. */
  load(): CorpusIndexer {
    this.indexer ??= new CorpusIndexer(this.options.load(), { cacheSize: this.options.cacheSize });
    return this.indexer;
  }

  evaluate(config: Config, _fidelity: Config | null, _seed: number): Evaluation {
    this.space.validate(config);
    const indexer = this.load();
    const result = evaluateLexical(indexer, parseRagSettings(config), this.metricMode);
    const { scores, index } = result;
    return {
      values: [scores.iou, scores.recall, scores.precision],
      cost: { chunks: index.chunks.length, index_ms: index.buildMs, tokens_indexed: index.tokensIndexed },
      elapsedSeconds: (index.buildMs + result.queryMs) / 1000,
    };
  }
}
