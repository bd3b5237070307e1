import { randomInt } from "node:crypto";
import type { Pool, PoolClient, QueryResult, QueryResultRow } from "pg";
import { refusalError } from "./refusal-error.js";
import { StorageUnavailableError } from "./storage-unavailable-error.js";
import { transientKind } from "./transient-errors.js";

/** A pool or one of its connections: what a statement can run on. */
export interface Queryable {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/** How transient failures are retried: `attempts` in all, with exponential backoff. */
export interface RetryPolicy {
  /** Attempts in all, the first included (default 10). */
  attempts: number;
  /** Wait before the first retry, doubled each time (default 50 ms). */
  baseDelayMs: number;
  /** Longest wait between attempts (default 2 s). Waits are jittered to half..full: ten attempts span 5 to 9 s. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 10, baseDelayMs: 50, maxDelayMs: 2000 };

/** A pg.Pool with retries and transactions; knows nothing of studies and trials. */
export class Database {
  readonly pool: Pool;
  /** host:port/database, for messages. */
  readonly server: string;
  /** `storage "<URL without its password>"`, for errors that name the URL. */
  readonly target: string;
  private readonly policy: RetryPolicy;

  constructor(pool: Pool, server: string, target: string, policy: RetryPolicy) {
    this.pool = pool;
    this.server = server;
    this.target = target;
    this.policy = policy;
  }

  /**
   * Runs `work` until it succeeds, retrying connection losses and aborted transactions.
   * `retry` is true on every attempt after a failed one: a write then checks its token,
   * because the failed attempt may have committed before the connection dropped.
   */
  async retrying<T>(work: (retry: boolean) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work(attempt > 1);
      } catch (error) {
        const kind = transientKind(error);
        if (kind === null) throw refusalError(error, this.target) ?? error;
        if (attempt >= this.policy.attempts) throw new StorageUnavailableError(this.server, attempt, error);
        const delay = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
        // Jitter spreads out workers that all lost the server at once.
        await new Promise((resolve) => setTimeout(resolve, delay / 2 + randomInt(Math.max(1, Math.floor(delay / 2)))));
      }
    }
  }

  /** One statement in its own implicit transaction, retried. Only for reads and idempotent writes. */
  async query<R extends QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    return this.retrying(() => this.run<R>(text, values));
  }

  /** One statement in its own implicit transaction, not retried. */
  async run<R extends QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(text, values)).rows;
  }

  /**
   * Runs `fn` between BEGIN and COMMIT on one pooled connection (READ COMMITTED), rolls
   * back when it throws, and throws away a connection that broke. Not retried by itself:
   * wrap in `retrying`.
   */
  async transaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A checked-out client reports a dropped connection both to the pending query and as
    // an 'error' event; the pool listens only while the client is idle, so listen here.
    const onError = (error: Error) => (broken = error);
    client.on("error", onError);
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      if (transientKind(error) === "connection") broken = error as Error;
      else await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.removeListener("error", onError);
      // release(error) closes the connection instead of returning it to the pool.
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
