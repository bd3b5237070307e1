import Database from "better-sqlite3";
import { canonicalJson, sha256 } from "./canonical-json.js";
import { freeCost, ZERO_USAGE } from "./cost.js";
import { ReplayMissError } from "./errors/replay-miss-error.js";
import type { ChatRequest, ChatResponse, EmbedRequest, EmbedResponse, LlmEvent, Provider, Usage } from "./spec.js";
import { throwIfAborted } from "./timing.js";

/**
 * `read-write` (default): answer from the cache, call and record on a miss.
 * `replay-only`: answer from the cache; a miss throws `ReplayMissError` (for CI without network).
 */
export type ReplayMode = "read-write" | "replay-only";

export interface ReplayCacheOptions {
  mode?: ReplayMode;
  /** Mixed into every key, to keep recordings of different endpoints apart (default ""). */
  namespace?: string;
}

/** What a chat or embed call returns, minus what a replay recomputes (cost, cached flags). */
type StoredChat = Omit<ChatResponse, "cost" | "cached" | "cachedUsage">;
type StoredEmbed = Omit<EmbedResponse, "cost" | "cached" | "cachedUsage">;

const SCHEMA = `CREATE TABLE IF NOT EXISTS llm_replay_v1 (
  key TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  model TEXT NOT NULL,
  rollout_id TEXT,
  request TEXT NOT NULL,
  response TEXT NOT NULL,
  usd REAL,
  created_at INTEGER NOT NULL
)`;

/**
 * Record/replay cache of LLM calls in SQLite. The key is the sha256 of the canonical JSON
 * of what decides the answer: model, messages, tools, response format, temperature, topP,
 * maxTokens, seed, stop, and the rollout id (so repeated samples at temperature > 0 stay
 * distinct). A row holds the canonical request and the response; never a key or a header.
 * The table can live in the study's own SQLite file.
 */
export class ReplayCache {
  readonly mode: ReplayMode;
  private readonly namespace: string;
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string], { response: string }>;
  private readonly insert: Database.Statement<[string, string, string, string | null, string, string, number | null, number]>;

  /** Opens (or creates) the cache at `path`; ":memory:" keeps it in memory. */
  constructor(path: string, options: ReplayCacheOptions = {}) {
    this.mode = options.mode ?? "read-write";
    this.namespace = options.namespace ?? "";
    this.db = new Database(path, { timeout: 30_000 });
    if (path !== ":memory:") this.db.pragma("journal_mode = WAL");
    this.db.exec(SCHEMA);
    this.select = this.db.prepare("SELECT response FROM llm_replay_v1 WHERE key = ?");
    // The first recording wins: two concurrent misses of one key keep the same answer.
    this.insert = this.db.prepare(
      "INSERT OR IGNORE INTO llm_replay_v1 (key, kind, model, rollout_id, request, response, usd, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
  }

  /** The key of a chat request (the canonical JSON it hashes is `chatKeyMaterial`). */
  chatKey(request: ChatRequest): string {
    return sha256(canonicalJson(this.chatKeyMaterial(request)));
  }

  /** The key of an embedding request. */
  embedKey(request: EmbedRequest): string {
    return sha256(canonicalJson(this.embedKeyMaterial(request)));
  }

  /** Number of recorded calls. */
  get size(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM llm_replay_v1").get() as { n: number }).n;
  }

  /** The recorded response of a key, or undefined. */
  lookup<T>(key: string): T | undefined {
    const row = this.select.get(key);
    return row ? (JSON.parse(row.response) as T) : undefined;
  }

  /** Records a response (ignored if the key is already recorded). */
  record(key: string, kind: "chat" | "embed", material: { model: string; rolloutId?: string }, response: unknown, usd: number | null): void {
    this.insert.run(key, kind, material.model, material.rolloutId ?? null, canonicalJson(material), JSON.stringify(response), usd, Date.now());
  }

  close(): void {
    this.db.close();
  }

  /** Only the fields that decide the answer: never the signal, a key or headers. */
  chatKeyMaterial(request: ChatRequest): { model: string; rolloutId?: string } & Record<string, unknown> {
    return {
      kind: "chat",
      namespace: this.namespace,
      model: request.model,
      messages: request.messages.map((message) => ({
        role: message.role,
        content: message.content,
        toolCalls: message.toolCalls?.map((call) => ({ id: call.id, name: call.name, arguments: call.arguments })),
        toolCallId: message.toolCallId,
      })),
      tools: request.tools?.map((tool) => ({ name: tool.name, description: tool.description, parameters: tool.parameters })),
      responseFormat: request.responseFormat,
      temperature: request.temperature,
      topP: request.topP,
      maxTokens: request.maxTokens,
      seed: request.seed,
      stop: typeof request.stop === "string" ? [request.stop] : request.stop,
      rolloutId: request.rolloutId,
    };
  }

  embedKeyMaterial(request: EmbedRequest): { model: string } & Record<string, unknown> {
    return { kind: "embed", namespace: this.namespace, model: request.model, input: request.input };
  }
}

/**
 * Wraps a provider with a replay cache: a hit returns the recorded answer with
 * `cached: true`, `usage` and `cost` at zero (nothing was spent) and the original usage as
 * `cachedUsage`; a miss calls the provider and records its answer.
 */
export function withReplayCache(provider: Provider, cache: ReplayCache, onEvent?: (event: LlmEvent) => void): Provider {
  return {
    name: provider.name,
    async chat(request) {
      throwIfAborted(request.signal);
      const key = cache.chatKey(request);
      const stored = cache.lookup<StoredChat>(key);
      if (stored) {
        onEvent?.({ type: "cache-hit", kind: "chat", model: request.model });
        return { ...stored, ...replayed(stored.usage) };
      }
      if (cache.mode === "replay-only") throw new ReplayMissError("chat", request.model, key);
      const response = await provider.chat(request);
      const { cost: _cost, cached: _cached, cachedUsage: _cachedUsage, ...toStore } = response;
      cache.record(key, "chat", cache.chatKeyMaterial(request), toStore satisfies StoredChat, response.cost.usd);
      onEvent?.({ type: "cache-store", kind: "chat", model: request.model });
      return response;
    },
    async embed(request) {
      throwIfAborted(request.signal);
      const key = cache.embedKey(request);
      const stored = cache.lookup<StoredEmbed>(key);
      if (stored) {
        onEvent?.({ type: "cache-hit", kind: "embed", model: request.model });
        return { ...stored, ...replayed(stored.usage) };
      }
      if (cache.mode === "replay-only") throw new ReplayMissError("embed", request.model, key);
      const response = await provider.embed(request);
      const { cost: _cost, cached: _cached, cachedUsage: _cachedUsage, ...toStore } = response;
      cache.record(key, "embed", cache.embedKeyMaterial(request), toStore satisfies StoredEmbed, response.cost.usd);
      onEvent?.({ type: "cache-store", kind: "embed", model: request.model });
      return response;
    },
  };
}

function replayed(usage: Usage): { usage: Usage; cost: ReturnType<typeof freeCost>; cached: true; cachedUsage: Usage } {
  return { usage: { ...ZERO_USAGE }, cost: freeCost(), cached: true, cachedUsage: usage };
}
