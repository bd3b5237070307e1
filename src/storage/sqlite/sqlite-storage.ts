import Database from "better-sqlite3";
import type { SpaceDefinition } from "../../space/index.js";
import { DuplicateStudyError, StorageOpenError, TrialLimitReachedError, TrialNotRunningError } from "../errors.js";
import { addCost } from "../cost.js";
import { failStale, isStale, finishedRecord, newStudyRecord, newTrialRecord } from "../records.js";
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
import { MIGRATIONS } from "./migrations.js";
import { openSqliteFile } from "./open-sqlite-file.js";
import { stringifyNumbers, studyFromRow, trialFromRow, type StudyRow, type TrialRow } from "./rows.js";

export interface SqliteStorageOptions {
  /** How long a writer waits for another process's lock before retrying (default 30 s). */
  busyTimeoutMs?: number;
  /**
   * Only read (default false): the file must exist (else NoSuchStorageError), nothing is
   * created, migrated or written. A file without knobs' tables (e.g. left empty) reads as a
   * storage with no study.
   */
  readOnly?: boolean;
}

/**
 * Storage in one SQLite file (WAL mode): crash-safe, shared by several processes on one
 * machine. Every write is one IMMEDIATE transaction, so trial numbers never repeat and
 * a process killed at any point loses nothing it had committed.
 */
export class SqliteStorage implements Storage {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepare>;
  /** One transaction wrapper, made once: better-sqlite3 wrappers are costly to create per call. */
  private readonly inTransaction: Database.Transaction<(fn: () => unknown) => unknown>;

  constructor(path: string, options: SqliteStorageOptions = {}) {
    this.path = path;
    const target = `storage "sqlite:${path}"`;
    const timeoutMs = options.busyTimeoutMs ?? 30_000;
    let db = openSqliteFile(path, target, { readOnly: options.readOnly, timeoutMs }, (db) => {
      if (options.readOnly) {
        checkReadableVersion(db, path, target);
        return;
      }
      db.pragma("journal_mode = WAL");
      // NORMAL keeps every commit across a process crash (WAL); only a power loss may drop the last ones.
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
      this.migrate(db, target);
    });
    if (options.readOnly && !hasTable(db, "meta")) {
      // Nothing of knobs in the file: read an empty schema in memory instead of writing one to it.
      db.close();
      db = new Database(":memory:");
      this.migrate(db, target);
    }
    this.db = db;
    this.inTransaction = this.db.transaction((fn: () => unknown) => fn());
    this.statements = prepare(this.db);
  }

  /** The schema version this file is at. */
  get schemaVersion(): number {
    return schemaVersionOf(this.db);
  }

  private migrate(db: Database.Database, target: string): void {
    const transaction = db.transaction(() => {
      const version = schemaVersionOf(db);
      if (version > MIGRATIONS.length) throw newerSchemaError(this.path, version, target);
      for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]);
      db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(MIGRATIONS.length));
    });
    retryBusy(() => transaction.immediate());
  }

  /** Runs `fn` in an IMMEDIATE transaction, retrying while another process holds the lock. */
  private write<T>(fn: () => T): T {
    return retryBusy(() => this.inTransaction.immediate(fn) as T);
  }

  private nextSeq(): number {
    return (this.statements.bumpSeq.get() as { value: number }).value;
  }

  async createStudy(input: CreateStudyInput): Promise<StudyRecord> {
    return this.write(() => {
      if (this.statements.studyByName.get(input.name)) throw new DuplicateStudyError(input.name);
      const record = newStudyRecord(0, input, Date.now());
      const info = this.statements.insertStudy.run(
        record.name,
        JSON.stringify(record.objectives),
        record.space === null ? null : JSON.stringify(record.space),
        JSON.stringify(record.userAttrs),
        JSON.stringify(record.systemAttrs),
        record.createdAt,
      );
      return { ...record, id: Number(info.lastInsertRowid) };
    });
  }

  async getStudy(name: string): Promise<StudyRecord | null> {
    const row = this.statements.studyByName.get(name) as StudyRow | undefined;
    return row ? studyFromRow(row) : null;
  }

  async listStudies(): Promise<StudyRecord[]> {
    return (this.db.prepare("SELECT * FROM studies ORDER BY id").all() as StudyRow[]).map(studyFromRow);
  }

  async deleteStudy(name: string): Promise<void> {
    this.write(() => this.db.prepare("DELETE FROM studies WHERE name = ?").run(name));
  }

  async setStudySpace(studyId: number, space: SpaceDefinition): Promise<void> {
    this.write(() => this.db.prepare("UPDATE studies SET space = ? WHERE id = ?").run(JSON.stringify(space), studyId));
  }

  async setStudyUserAttr(studyId: number, key: string, value: unknown): Promise<void> {
    this.write(() =>
      this.db.prepare("UPDATE studies SET user_attrs = json_set(user_attrs, ?, json(?)) WHERE id = ?").run(`$."${key}"`, JSON.stringify(value ?? null), studyId),
    );
  }

  async addOptimizerCost(studyId: number, cost: Cost): Promise<void> {
    this.write(() => {
      const row = this.db.prepare("SELECT optimizer_cost FROM studies WHERE id = ?").get(studyId) as { optimizer_cost: string };
      const total = addCost(JSON.parse(row.optimizer_cost) as Cost, cost);
      this.db.prepare("UPDATE studies SET optimizer_cost = ? WHERE id = ?").run(JSON.stringify(total), studyId);
    });
  }

  async createTrial(studyId: number, input: CreateTrialInput): Promise<TrialRecord> {
    return this.write(() => this.insertTrial(studyId, input));
  }

  private insertTrial(studyId: number, input: CreateTrialInput): TrialRecord {
    const { next } = this.statements.nextNumber.get(studyId) as { next: number };
    if (input.state === "running") this.checkLimit(studyId, next, input.trialLimit);
    const record = newTrialRecord(0, studyId, next, input, Date.now());
    const info = this.statements.insertTrial.run({
      study_id: studyId,
      number: record.number,
      state: record.state,
      config: JSON.stringify(record.config),
      params: JSON.stringify(record.params),
      fidelity: record.fidelity === null ? null : JSON.stringify(record.fidelity),
      user_attrs: JSON.stringify(record.userAttrs),
      system_attrs: JSON.stringify(record.systemAttrs),
      worker_id: record.workerId,
      heartbeat: record.heartbeat,
      retries: record.retries,
      created_at: record.createdAt,
      started_at: record.startedAt,
      seq: this.nextSeq(),
    });
    return { ...record, id: Number(info.lastInsertRowid) };
  }

  async claimQueuedTrial(studyId: number, workerId: string, heartbeat: number | null, options: ClaimOptions = {}): Promise<TrialRecord | null> {
    return this.write(() => {
      const row = this.statements.firstQueued.get(studyId) as TrialRow | undefined;
      if (!row) return null;
      if (options.trialLimit !== undefined) this.checkLimit(studyId, (this.statements.nextNumber.get(studyId) as { next: number }).next, options.trialLimit);
      const now = Date.now();
      this.statements.claim.run(workerId, heartbeat, now, this.nextSeq(), row.id);
      return { ...trialFromRow(row), state: "running", workerId, heartbeat, startedAt: now };
    });
  }

  /**
   * Throws when the study has started `limit` trials: numbers are dense, so the trials
   * started are the trials (`next`) less those still queued. Called inside the write lock.
   */
  private checkLimit(studyId: number, next: number, limit: number | undefined): void {
    if (limit === undefined) return;
    const { queued } = this.statements.queuedCount.get(studyId) as { queued: number };
    if (next - queued >= limit) throw new TrialLimitReachedError(limit);
  }

  async updateTrial(trialId: number, patch: TrialPatch): Promise<void> {
    this.write(() => {
      const trial = this.runningTrial(trialId);
      const merged: TrialRecord = {
        ...trial,
        ...patch,
        intermediate: { ...trial.intermediate, ...(patch.intermediate ?? {}) },
        userAttrs: { ...trial.userAttrs, ...(patch.userAttrs ?? {}) },
        systemAttrs: { ...trial.systemAttrs, ...(patch.systemAttrs ?? {}) },
        params: { ...trial.params, ...(patch.params ?? {}) },
      };
      this.saveTrial(merged);
    });
  }

  async finishTrial(trialId: number, input: FinishTrialInput): Promise<TrialRecord> {
    return this.write(() => {
      const trial = this.runningTrial(trialId);
      const finished: TrialRecord = { ...trial, ...finishedRecord(trial, input, Date.now()) };
      this.saveTrial(finished);
      return finished;
    });
  }

  async heartbeat(workerId: string, now: number): Promise<void> {
    this.write(() => this.statements.heartbeat.run(now, workerId));
  }

  async getTrial(studyId: number, number: number): Promise<TrialRecord | null> {
    const row = this.statements.trialByNumber.get(studyId, number) as TrialRow | undefined;
    return row ? trialFromRow(row) : null;
  }

  async getTrials(studyId: number): Promise<TrialRecord[]> {
    return (this.statements.allTrials.all(studyId) as TrialRow[]).map(trialFromRow);
  }

  async getTrialsChangedSince(studyId: number, cursor: number): Promise<{ trials: TrialRecord[]; cursor: number }> {
    // One read transaction so the cursor matches the rows returned.
    return this.inTransaction.deferred(() => {
      const rows = this.statements.changedTrials.all(studyId, cursor) as (TrialRow & { seq: number })[];
      let next = cursor;
      for (const row of rows) if (row.seq > next) next = row.seq;
      return { trials: rows.sort((a, b) => a.number - b.number).map(trialFromRow), cursor: next };
    }) as { trials: TrialRecord[]; cursor: number };
  }

  async failStaleTrials(studyId: number, options: StaleTrialOptions): Promise<TrialRecord[]> {
    return this.write(() => {
      const rows = this.statements.runningTrials.all(studyId) as TrialRow[];
      const stale = rows.map(trialFromRow).filter((trial) => isStale(trial, options));
      return stale.map((trial) => {
        const { failure, retry } = failStale(trial, options);
        const failed = { ...trial, ...failure };
        this.saveTrial(failed);
        if (retry) this.insertTrial(studyId, retry);
        return failed;
      });
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private runningTrial(trialId: number): TrialRecord {
    const row = this.statements.trialById.get(trialId) as TrialRow | undefined;
    if (!row) throw new Error(`no trial with id ${trialId}`);
    if (row.state !== "running") throw new TrialNotRunningError(row.number, row.state);
    return trialFromRow(row);
  }

  private saveTrial(trial: TrialRecord): void {
    this.statements.saveTrial.run({
      id: trial.id,
      state: trial.state,
      config: JSON.stringify(trial.config),
      params: JSON.stringify(trial.params),
      fidelity: trial.fidelity === null ? null : JSON.stringify(trial.fidelity),
      values: stringifyNumbers(trial.values),
      intermediate: JSON.stringify(trial.intermediate),
      cost: JSON.stringify(trial.cost),
      constraints: stringifyNumbers(trial.constraints),
      user_attrs: JSON.stringify(trial.userAttrs),
      system_attrs: JSON.stringify(trial.systemAttrs),
      error: trial.error,
      heartbeat: trial.heartbeat,
      completed_at: trial.completedAt,
      seq: this.nextSeq(),
    });
  }
}

/** Runs `fn`, again while another process holds the write lock (busy_timeout waited already; back off a little more). */
function retryBusy<T>(fn: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || attempt >= 20) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10 + attempt * 10);
    }
  }
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** The schema version a file is at: 0 before knobs wrote to it. */
function schemaVersionOf(db: Database.Database): number {
  if (!hasTable(db, "meta")) return 0;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

function newerSchemaError(path: string, version: number, target: string): StorageOpenError {
  return new StorageOpenError(target, `${path} has schema version ${version}, newer than this knobs (${MIGRATIONS.length}): upgrade knobs`);
}

/**
 * A file opened read-only is not migrated: it must be a knobs file (or hold no table at all)
 * and not newer than this knobs. Older versions read as they are (the migrations so far add
 * indexes only).
 */
function checkReadableVersion(db: Database.Database, path: string, target: string): void {
  const version = schemaVersionOf(db);
  if (version > MIGRATIONS.length) throw newerSchemaError(path, version, target);
  if (version === 0 && db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table'").get() !== undefined) {
    const bench = hasTable(db, "bench_runs") ? ": it is a knobs bench results file (read it with knobs report)" : "";
    throw new StorageOpenError(target, `${path} is a SQLite database without knobs studies${bench}`);
  }
}

function prepare(db: Database.Database) {
  return {
    bumpSeq: db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'seq' RETURNING CAST(value AS INTEGER) AS value"),
    studyByName: db.prepare("SELECT * FROM studies WHERE name = ?"),
    insertStudy: db.prepare("INSERT INTO studies (name, objectives, space, user_attrs, system_attrs, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
    nextNumber: db.prepare("SELECT COALESCE(MAX(number), -1) + 1 AS next FROM trials WHERE study_id = ?"),
    insertTrial: db.prepare(
      `INSERT INTO trials (study_id, number, state, config, params, fidelity, user_attrs, system_attrs, worker_id, heartbeat, retries, created_at, started_at, seq)
       VALUES (@study_id, @number, @state, @config, @params, @fidelity, @user_attrs, @system_attrs, @worker_id, @heartbeat, @retries, @created_at, @started_at, @seq)`,
    ),
    saveTrial: db.prepare(
      `UPDATE trials SET state = @state, config = @config, params = @params, fidelity = @fidelity, "values" = @values, intermediate = @intermediate,
       cost = @cost, constraints = @constraints, user_attrs = @user_attrs, system_attrs = @system_attrs, error = @error,
       heartbeat = @heartbeat, completed_at = @completed_at, seq = @seq WHERE id = @id`,
    ),
    allTrials: db.prepare("SELECT * FROM trials WHERE study_id = ? ORDER BY number"),
    // Ordered by seq so SQLite walks the (study_id, seq) index rather than every trial.
    changedTrials: db.prepare("SELECT * FROM trials WHERE study_id = ? AND seq > ? ORDER BY seq"),
    queuedCount: db.prepare("SELECT COUNT(*) AS queued FROM trials WHERE study_id = ? AND state = 'queued'"),
    firstQueued: db.prepare("SELECT * FROM trials WHERE study_id = ? AND state = 'queued' ORDER BY number LIMIT 1"),
    claim: db.prepare("UPDATE trials SET state = 'running', worker_id = ?, heartbeat = ?, started_at = ?, seq = ? WHERE id = ?"),
    heartbeat: db.prepare("UPDATE trials SET heartbeat = ? WHERE worker_id = ? AND state = 'running'"),
    trialByNumber: db.prepare("SELECT * FROM trials WHERE study_id = ? AND number = ?"),
    trialById: db.prepare("SELECT * FROM trials WHERE id = ?"),
    runningTrials: db.prepare("SELECT * FROM trials WHERE study_id = ? AND state = 'running'"),
  };
}
