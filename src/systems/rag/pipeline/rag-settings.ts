import { KnobsError } from "../../../errors/index.js";
import type { Config, Value } from "../../../space/index.js";
import type { ChunkerKind, ChunkingConfig } from "../chunking/spec.js";
import type { Bm25Params } from "../retrieval/bm25-index.js";
import { PROMPT_TEMPLATES } from "./prompt-templates.js";

export type RetrieverKind = "bm25" | "dense" | "hybrid";

/** A RAG configuration in typed form (parsed from a flat Config of RAG_SPACE). */
export interface RagSettings {
  chunking: ChunkingConfig;
  retriever: RetrieverKind;
  bm25: Bm25Params;
  /** Hybrid only: reciprocal rank fusion with k, or weighted score fusion with alpha (the dense weight). */
  fusion: { kind: "rrf"; k: number } | { kind: "weighted"; alpha: number };
  rerank: { enabled: boolean; threshold: number };
  topK: number;
  /** Embedding model for dense and hybrid retrieval, when the config names one. */
  embeddingModel?: string;
  promptTemplate: string;
  temperature: number;
}

/**
 * The baseline configuration (a configuration of ragSpace(), the BM25-only space) and the
 * value of any knob a config leaves out: recursive chunks of 800 characters with 25% overlap,
 * BM25 with Lucene's k1 = 1.2 and b = 0.75, no rerank, 5 chunks (the chroma evaluation
 * retrieves 5). Knobs outside that space default to: retriever bm25, fusion rrf with k = 60
 * (alpha 0.5 for weighted), rerank_threshold 0, chunk_tokens 200, prompt_template concise,
 * temperature 0.
 */
export const DEFAULT_RAG_CONFIG: Readonly<Config> = Object.freeze({
  chunker: "recursive",
  chunk_size: 800,
  overlap_pct: 25,
  bm25_k1: 1.2,
  bm25_b: 0.75,
  rerank: false,
  top_k: 5,
});

const CHUNKERS: readonly ChunkerKind[] = ["chars", "tokens", "recursive"];
const RETRIEVERS: readonly RetrieverKind[] = ["bm25", "dense", "hybrid"];

/**
 * Reads a flat configuration (RAG_SPACE names) into RagSettings; absent knobs take the
 * defaults listed at DEFAULT_RAG_CONFIG. Overlap is a
 * percentage of the chunk size, so every configuration is valid: overlap = round(size * pct / 100),
 * at most size - 1. Throws KnobsError (`invalid_rag_config`) for a value of the wrong kind.
 */
export function parseRagSettings(config: Config): RagSettings {
  const get = (name: string, fallback: Value): Value => (config[name] === undefined ? fallback : config[name]);
  const kind = oneOf(get("chunker", DEFAULT_RAG_CONFIG.chunker), CHUNKERS, "chunker");
  const size = positiveInteger(kind === "tokens" ? get("chunk_tokens", 200) : get("chunk_size", DEFAULT_RAG_CONFIG.chunk_size), kind === "tokens" ? "chunk_tokens" : "chunk_size");
  const percent = numberIn(get("overlap_pct", DEFAULT_RAG_CONFIG.overlap_pct), 0, 99, "overlap_pct");
  const retriever = oneOf(get("retriever", "bm25"), RETRIEVERS, "retriever");
  const fusionKind = oneOf(get("fusion", "rrf"), ["rrf", "weighted"] as const, "fusion");
  const template = String(get("prompt_template", "concise"));
  if (!Object.hasOwn(PROMPT_TEMPLATES, template)) fail("prompt_template", template, `one of ${Object.keys(PROMPT_TEMPLATES).join(", ")}`);
  const embeddingModel = config.embedding_model;
  return {
    chunking: { kind, size, overlap: Math.min(size - 1, Math.round((size * percent) / 100)) },
    retriever,
    bm25: { k1: numberIn(get("bm25_k1", 1.2), 0, Infinity, "bm25_k1"), b: numberIn(get("bm25_b", 0.75), 0, 1, "bm25_b") },
    fusion:
      fusionKind === "rrf"
        ? { kind: "rrf", k: numberIn(get("rrf_k", 60), 0, Infinity, "rrf_k") }
        : { kind: "weighted", alpha: numberIn(get("alpha", 0.5), 0, 1, "alpha") },
    rerank: { enabled: get("rerank", false) === true, threshold: numberIn(get("rerank_threshold", 0), 0, 1, "rerank_threshold") },
    topK: positiveInteger(get("top_k", DEFAULT_RAG_CONFIG.top_k), "top_k"),
    ...(typeof embeddingModel === "string" ? { embeddingModel } : {}),
    promptTemplate: template,
    temperature: numberIn(get("temperature", 0), 0, 2, "temperature"),
  };
}

function fail(name: string, value: Value, expected: string): never {
  throw new KnobsError("invalid_rag_config", `RAG config "${name}": expected ${expected}, received ${JSON.stringify(value)}`);
}

function oneOf<T extends string>(value: Value, choices: readonly T[], name: string): T {
  if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) fail(name, value, `one of ${choices.join(", ")}`);
  return value as T;
}

function positiveInteger(value: Value, name: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) fail(name, value, "a positive integer");
  return value;
}

function numberIn(value: Value, low: number, high: number, name: string): number {
  if (typeof value !== "number" || !(value >= low && value <= high)) fail(name, value, `a number in [${low}, ${high}]`);
  return value;
}
