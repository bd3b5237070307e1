import { randomUUID } from "node:crypto";
import pg from "pg";
import type { SpaceDefinition } from "../../space/index.js";
import { DuplicateStudyError, StorageUrlError, TrialLimitReachedError, TrialNotRunningError } from "../errors.js";
import { addCost } from "../cost.js";
import { cloneTrial, failStale, finishedRecord, isStale, newStudyRecord } from "../records.js";
import type {
  ClaimOptions,
  Cost,
  CreateStudyInput,
  CreateTrialInput,
  FinishTrialInput,
  StaleTrialOptions,
  Storage,
  StudyRecord,
  TrialPatch,
  TrialRecord,
} from "../spec.js";
import { studyFromRow, trialFromRow, type StudyRow, type TrialRow } from "../sqlite/rows.js";
import { Database, DEFAULT_RETRY, type RetryPolicy } from "./database.js";
import { currentVersion, migrate, newerSchemaError } from "./migrate.js";
import { MIGRATIONS } from "./migrations.js";
import { parsePostgresUrl, redact } from "./postgres-url.js";
import { PreparingClient } from "./preparing-client.js";
import { SCHEMA_NAME, tableNames, type TableNames } from "./table-names.js";
import { claimTrial, insertTrial, readTrial, saveTrial, startedCount, trialsWrittenWith, type TrialRowWithSeq, type WrittenTrial } from "./trial-writes.js";

export interface PostgresStorageOptions {
  /** Keep knobs' tables in this schema, created if missing (default: `?schema=` of the URL, else the connection's search_path). */
  schema?: string;
  /** Connections this process opens at most (default: `?pool_size=` of the URL, else 10). */
  poolSize?: number;
  /** How long to wait for a connection, from the server or the pool (default 10 s). */
  connectTimeoutMs?: number;
  /** How transient failures are retried (default 10 attempts, 50 ms doubling up to 2 s). */
  retry?: Partial<RetryPolicy>;
  /**
   * Only read (default false): knobs' schema and tables are not created or migrated (a
   * database without them reads as a storage with no study) and sessions are read-only.
   */
  readOnly?: boolean;
}

/** How many write tokens a study row remembers (for addOptimizerCost retries). */
const KEPT_STUDY_TOKENS = 32;

/**
 * Storage on a PostgreSQL server, shared by workers on any number of machines. Trial
 * numbers come from a per-study counter updated in the inserting statement; queued
 * trials are claimed with `FOR UPDATE SKIP LOCKED`; every change draws a number from
 * one sequence for getTrialsChangedSince. The schema is created and migrated on first use.
 *
 * A write that fails because the connection dropped or the server restarted is retried
 * (with backoff) on a fresh connection. Each write carries a random token stored with
 * the row, so a retry whose first attempt did commit finds its own result instead of
 * writing twice: finishTrial then returns the stored trial rather than throwing
 * TrialNotRunningError. Only the retry of the same call is recognised; a second
 * finishTrial call still throws.
 *
 * @example
 * const storage = await PostgresStorage.open("postgres://knobs@db.internal:5432/knobs?schema=tuning");
 * const study = await createStudy({ name: "rag", storage, space, direction: "maximize" });
 */
export class PostgresStorage implements Storage {
  private readonly db: Database;
  private readonly t: TableNames;
  private readyPromise: Promise<number> | null = null;
  private readonly readOnly: boolean;
  /** Read-only and the database has no knobs tables: every read finds nothing. */
  private empty = false;
  private closed = false;
  /** This process's running trials as it last wrote them (see rewriteTrial). */
  private readonly ownWrites = new Map<number, WrittenTrial>();

  /** Opens a storage and makes sure its schema is in place (so a bad URL fails here). */
  static async open(url: string, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const storage = new PostgresStorage(url, options);
    try {
      await storage.ready();
    } catch (error) {
      await storage.close();
      throw error;
    }
    return storage;
  }

  /** Connects lazily: the first call opens connections and migrates the schema. */
  constructor(url: string, options: PostgresStorageOptions = {}) {
    const parsed = parsePostgresUrl(url);
    if (parsed.user === null && !process.env.PGUSER && !process.env.USER) {
      // node-postgres would send no user name and the server answer only "no PostgreSQL user name specified".
      throw new StorageUrlError(redact(url), "no user name: put one in the URL (postgres://USER@host:port/database) or set PGUSER");
    }
    const schema = options.schema ?? parsed.schema;
    if (schema !== null && !SCHEMA_NAME.test(schema)) {
      throw new StorageUrlError(redact(url), `schema "${schema}" must be a lower-case SQL name (letters, digits, _; at most 63 characters)`);
    }
    this.t = tableNames(schema);
    const pool = new pg.Pool({
      connectionString: parsed.connectionString,
      max: options.poolSize ?? parsed.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      keepAlive: true,
      application_name: "knobs",
      ...(parsed.prepare ? { Client: PreparingClient } : {}),
      ...(options.readOnly ? { options: "-c default_transaction_read_only=on" } : {}),
    });
    // An idle connection the server closed: the pool drops it and the next query opens another.
    pool.on("error", () => {});
    this.readOnly = options.readOnly === true;
    this.db = new Database(pool, parsed.server, `storage "${redact(url)}"`, { ...DEFAULT_RETRY, ...options.retry });
  }

  /** The schema this storage keeps its tables in, or null for the search_path's first. */
  get schema(): string | null {
    return this.t.schema;
  }

  /** Creates or migrates the schema once; later calls wait for the same work. */
  ready(): Promise<number> {
    this.readyPromise ??= (this.readOnly ? this.readableVersion() : migrate(this.db, this.t)).catch((error: unknown) => {
      this.readyPromise = null;
      throw error;
    });
    return this.readyPromise;
  }

  /** Read-only: the version in place, which must not be newer than this knobs; 0 (no tables) reads as empty. */
  private async readableVersion(): Promise<number> {
    const version = await this.schemaVersion();
    if (version > MIGRATIONS.length) throw newerSchemaError(this.db, this.t, version);
    this.empty = version === 0;
    return version;
  }

  /** The knobs schema version the database is at (0 before first use). */
  async schemaVersion(): Promise<number> {
    return this.db.retrying(() => currentVersion(this.db.pool, this.t));
  }

  async createStudy(input: CreateStudyInput): Promise<StudyRecord> {
    await this.ready();
    const token = randomUUID();
    const record = newStudyRecord(0, input, Date.now());
    return this.db.retrying(async (retry) => {
      const rows = await this.db.run<{ id: string }>(
        `INSERT INTO ${this.t.studies} (name, objectives, space, user_attrs, system_attrs, created_at, write_tokens)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING RETURNING id`,
        [
          record.name,
          JSON.stringify(record.objectives),
          record.space === null ? null : JSON.stringify(record.space),
          JSON.stringify(record.userAttrs),
          JSON.stringify(record.systemAttrs),
          record.createdAt,
          JSON.stringify([token]),
        ],
      );
      if (rows.length > 0) return { ...record, id: Number(rows[0].id) };
      if (retry) {
        const [row] = await this.db.run<StudyRow & { write_tokens: string }>(`SELECT * FROM ${this.t.studies} WHERE name = $1`, [input.name]);
        if (row && (JSON.parse(row.write_tokens) as string[]).includes(token)) return studyFromRow(row);
      }
      throw new DuplicateStudyError(input.name);
    });
  }

  async getStudy(name: string): Promise<StudyRecord | null> {
    await this.ready();
    if (this.empty) return null;
    const [row] = await this.db.query<StudyRow>(`SELECT * FROM ${this.t.studies} WHERE name = $1`, [name]);
    return row ? studyFromRow(row) : null;
  }

  async listStudies(): Promise<StudyRecord[]> {
    await this.ready();
    if (this.empty) return [];
    return (await this.db.query<StudyRow>(`SELECT * FROM ${this.t.studies} ORDER BY id`)).map(studyFromRow);
  }

  async deleteStudy(name: string): Promise<void> {
    await this.ready();
    await this.db.query(`DELETE FROM ${this.t.studies} WHERE name = $1`, [name]);
  }

  async setStudySpace(studyId: number, space: SpaceDefinition): Promise<void> {
    await this.ready();
    await this.db.query(`UPDATE ${this.t.studies} SET space = $1 WHERE id = $2`, [JSON.stringify(space), studyId]);
  }

  async setStudyUserAttr(studyId: number, key: string, value: unknown): Promise<void> {
    await this.ready();
    // Merged here rather than with jsonb operators, which would reorder keys.
    await this.db.retrying(() =>
      this.db.transaction(async (client) => {
        const { rows } = await client.query<{ user_attrs: string }>(`SELECT user_attrs FROM ${this.t.studies} WHERE id = $1 FOR NO KEY UPDATE`, [studyId]);
        if (rows.length === 0) throw new Error(`no study with id ${studyId}`);
        const attrs = { ...JSON.parse(rows[0].user_attrs), [key]: value ?? null };
        await client.query(`UPDATE ${this.t.studies} SET user_attrs = $1 WHERE id = $2`, [JSON.stringify(attrs), studyId]);
      }),
    );
  }

  async addOptimizerCost(studyId: number, cost: Cost): Promise<void> {
    await this.ready();
    const token = randomUUID();
    await this.db.retrying((retry) =>
      this.db.transaction(async (client) => {
        const { rows } = await client.query<{ optimizer_cost: string; write_tokens: string }>(
          `SELECT optimizer_cost, write_tokens FROM ${this.t.studies} WHERE id = $1 FOR NO KEY UPDATE`,
          [studyId],
        );
        if (rows.length === 0) throw new Error(`no study with id ${studyId}`);
        const tokens = JSON.parse(rows[0].write_tokens) as string[];
        if (retry && tokens.includes(token)) return; // the attempt that lost its connection did commit
        const total = addCost(JSON.parse(rows[0].optimizer_cost) as Cost, cost);
        await client.query(`UPDATE ${this.t.studies} SET optimizer_cost = $1, write_tokens = $2 WHERE id = $3`, [
          JSON.stringify(total),
          JSON.stringify([...tokens, token].slice(-KEPT_STUDY_TOKENS)),
          studyId,
        ]);
      }),
    );
  }

  async createTrial(studyId: number, input: CreateTrialInput): Promise<TrialRecord> {
    await this.ready();
    const token = randomUUID();
    return this.db.retrying(async (retry) => {
      if (retry) {
        const [written] = await trialsWrittenWith(this.db.pool, this.t, studyId, token);
        if (written) return written;
      }
      const inserted = await insertTrial(this.db.pool, this.t, studyId, input, token);
      if (inserted) return this.remember(inserted);
      if ((await startedCount(this.db.pool, this.t, studyId)) === null) throw new Error(`no study with id ${studyId}`);
      throw new TrialLimitReachedError(input.trialLimit!);
    });
  }

  async claimQueuedTrial(studyId: number, workerId: string, heartbeat: number | null, options: ClaimOptions = {}): Promise<TrialRecord | null> {
    await this.ready();
    const token = randomUUID();
    return this.db.retrying(async (retry) => {
      if (retry) {
        const [claimed] = await trialsWrittenWith(this.db.pool, this.t, studyId, token);
        if (claimed) return claimed;
      }
      const claimed = await claimTrial(this.db.pool, this.t, studyId, workerId, heartbeat, token, options.trialLimit ?? null);
      if (claimed) return this.remember(claimed);
      // None queued, or the limit refused the claim: say which.
      const limit = options.trialLimit;
      if (limit !== undefined && ((await startedCount(this.db.pool, this.t, studyId)) ?? 0) >= limit) throw new TrialLimitReachedError(limit);
      return null;
    });
  }

  /** Keeps this process's own running trials as last written, so a finish need not read them back first. */
  private remember({ trial, seq }: WrittenTrial): TrialRecord {
    if (trial.state === "running") this.ownWrites.set(trial.id, { trial: cloneTrial(trial), seq });
    else this.ownWrites.delete(trial.id);
    return trial;
  }

  async updateTrial(trialId: number, patch: TrialPatch): Promise<void> {
    await this.ready();
    const token = randomUUID();
    const merge = (trial: TrialRecord): TrialRecord => ({
      ...trial,
      ...patch,
      intermediate: { ...trial.intermediate, ...(patch.intermediate ?? {}) },
      userAttrs: { ...trial.userAttrs, ...(patch.userAttrs ?? {}) },
      systemAttrs: { ...trial.systemAttrs, ...(patch.systemAttrs ?? {}) },
      params: { ...trial.params, ...(patch.params ?? {}) },
    });
    await this.rewriteTrial(trialId, token, merge, patch.heartbeat);
  }

  async finishTrial(trialId: number, input: FinishTrialInput): Promise<TrialRecord> {
    await this.ready();
    const token = randomUUID();
    return this.rewriteTrial(trialId, token, (trial) => ({ ...trial, ...finishedRecord(trial, input, Date.now()) }));
  }

  /**
   * Read, change, write-if-unchanged: the running trial is read without a lock, changed
   * here, and written only if nobody wrote it in between (else read again). A retry
   * after a lost reply returns what the first attempt stored, found by its token.
   */
  private async rewriteTrial(trialId: number, token: string, change: (trial: TrialRecord) => TrialRecord, heartbeat?: number): Promise<TrialRecord> {
    return this.db.retrying(async (retry) => {
      // This process's last write of the trial, when it made one: if nobody wrote the trial
      // since, the write below succeeds without a read (the common case).
      let known = retry ? undefined : this.ownWrites.get(trialId);
      for (;;) {
        let current: WrittenTrial;
        if (known) current = known;
        else {
          const row = await readTrial(this.db.pool, this.t, trialId);
          if (!row) throw new Error(`no trial with id ${trialId}`);
          if (retry && row.write_token === token) return this.remember({ trial: trialFromRow(row), seq: row.seq });
          current = { trial: runningTrial(row), seq: row.seq };
        }
        known = undefined;
        const changed = change(current.trial);
        const seq = await saveTrial(this.db.pool, this.t, changed, token, current.seq, heartbeat);
        if (seq !== null) return this.remember({ trial: changed, seq });
      }
    });
  }

  async heartbeat(workerId: string, now: number): Promise<void> {
    await this.ready();
    // Not a change of the trial for getTrialsChangedSince, as in the other storages.
    await this.db.query(`UPDATE ${this.t.trials} SET heartbeat = $1 WHERE worker_id = $2 AND state = 'running'`, [now, workerId]);
  }

  async getTrial(studyId: number, number: number): Promise<TrialRecord | null> {
    await this.ready();
    const [row] = await this.db.query<TrialRow>(`SELECT * FROM ${this.t.trials} WHERE study_id = $1 AND number = $2`, [studyId, number]);
    return row ? trialFromRow(row) : null;
  }

  async getTrials(studyId: number): Promise<TrialRecord[]> {
    await this.ready();
    return (await this.db.query<TrialRow>(`SELECT * FROM ${this.t.trials} WHERE study_id = $1 ORDER BY number`, [studyId])).map(trialFromRow);
  }

  async getTrialsChangedSince(studyId: number, cursor: number): Promise<{ trials: TrialRecord[]; cursor: number }> {
    await this.ready();
    // One statement, one snapshot; writers commit a study's changes in seq order (see trial-writes.ts).
    const rows = await this.db.query<TrialRow & { seq: string }>(`SELECT * FROM ${this.t.trials} WHERE study_id = $1 AND seq > $2 ORDER BY seq`, [studyId, cursor]);
    const next = rows.length === 0 ? cursor : Number(rows[rows.length - 1].seq);
    return { trials: rows.map(trialFromRow).sort((a, b) => a.number - b.number), cursor: next };
  }

  async failStaleTrials(studyId: number, options: StaleTrialOptions): Promise<TrialRecord[]> {
    await this.ready();
    const token = randomUUID();
    return this.db.retrying(async (retry) => {
      if (retry) {
        const failed = (await trialsWrittenWith(this.db.pool, this.t, studyId, token)).filter((trial) => trial.state === "failed");
        if (failed.length > 0) return failed;
      }
      // Look without locks first: most calls find nothing stale and should not block heartbeats.
      const running = await this.db.run<TrialRow>(`SELECT * FROM ${this.t.trials} WHERE study_id = $1 AND state = 'running'`, [studyId]);
      const candidates = running.map(trialFromRow).filter((trial) => isStale(trial, options));
      if (candidates.length === 0) return [];
      return this.db.transaction(async (client) => {
        // Rows another transaction holds (a finish, a heartbeat) are alive: skip them.
        const { rows } = await client.query<TrialRowWithSeq>(
          `SELECT * FROM ${this.t.trials} WHERE id = ANY($1::bigint[]) AND state = 'running' ORDER BY id FOR UPDATE SKIP LOCKED`,
          [candidates.map((trial) => trial.id)],
        );
        const failed: TrialRecord[] = [];
        for (const row of rows) {
          const trial = trialFromRow(row);
          if (!isStale(trial, options)) continue;
          const { failure, retry: requeue } = failStale(trial, options);
          const record = { ...trial, ...failure };
          // The row is locked by this transaction, so it is as read.
          await saveTrial(client, this.t, record, token, row.seq);
          if (requeue) await insertTrial(client, this.t, studyId, requeue, token); // queued: no limit applies
          failed.push(record);
        }
        return failed;
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }
}

function runningTrial(row: TrialRow): TrialRecord {
  if (row.state !== "running") throw new TrialNotRunningError(Number(row.number), row.state);
  return trialFromRow(row);
}
