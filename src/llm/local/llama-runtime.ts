import { LocalRuntimeMissingError } from "../errors/local-runtime-missing-error.js";

/**
 * The part of node-llama-cpp 3.x that knobs calls, typed structurally: node-llama-cpp is an
 * optional peer dependency, so knobs builds and installs without it and loads it only when a
 * `local:` model is used.
 */
export interface LlamaTokenMeterLike {
  readonly usedInputTokens: number;
  readonly usedOutputTokens: number;
}

export interface LlamaGrammarLike {
  parse(text: string): unknown;
}

export interface LlamaContextSequenceLike {
  readonly tokenMeter: LlamaTokenMeterLike;
  clearHistory(): Promise<void>;
}

export interface LlamaContextLike {
  getSequence(): LlamaContextSequenceLike;
  dispose(): Promise<void>;
}

export interface LlamaEmbeddingContextLike {
  getEmbeddingFor(input: string): Promise<{ readonly vector: readonly number[] }>;
  dispose(): Promise<void>;
}

export interface LlamaModelLike {
  tokenize(text: string): readonly number[];
  createContext(options: { contextSize?: number; threads?: number; sequences?: number; seed?: number }): Promise<LlamaContextLike>;
  createEmbeddingContext(options: { contextSize?: number; threads?: number }): Promise<LlamaEmbeddingContextLike>;
  dispose(): Promise<void>;
}

export interface LlamaLike {
  loadModel(options: { modelPath: string }): Promise<LlamaModelLike>;
  createGrammarForJsonSchema(schema: object): Promise<LlamaGrammarLike>;
  dispose(): Promise<void>;
}

export type ChatHistoryItemLike = { type: "system"; text: string } | { type: "user"; text: string } | { type: "model"; response: string[] };

export interface PromptOptionsLike {
  grammar?: LlamaGrammarLike;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  seed?: number;
  signal?: AbortSignal;
  customStopTriggers?: string[];
}

export interface LlamaChatSessionLike {
  setChatHistory(history: ChatHistoryItemLike[]): void;
  promptWithMeta(prompt: string, options: PromptOptionsLike): Promise<{ responseText: string; stopReason: string }>;
  dispose(options?: { disposeSequence?: boolean }): void;
}

export interface NodeLlamaCppLike {
  getLlama(options: { gpu: false; build: "never"; maxThreads: number; logLevel: string }): Promise<LlamaLike>;
  LlamaChatSession: new (options: { contextSequence: LlamaContextSequenceLike; autoDisposeSequence: boolean }) => LlamaChatSessionLike;
}

/** The version knobs is tested with (docs/llm.md); other 3.x releases may work. */
export const NODE_LLAMA_CPP_VERSION = "3.21.1";

// A variable, so TypeScript does not resolve (or require) the optional module at build time.
const MODULE = "node-llama-cpp";

/** Imports node-llama-cpp (or `moduleName`), or throws LocalRuntimeMissingError saying how to install it. */
export async function loadNodeLlamaCpp(moduleName: string = MODULE): Promise<NodeLlamaCppLike> {
  try {
    return (await import(moduleName)) as NodeLlamaCppLike;
  } catch (error) {
    if (isModuleNotFound(error)) throw new LocalRuntimeMissingError(NODE_LLAMA_CPP_VERSION, error);
    throw error;
  }
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}
