import { newTrialRecord } from "../records.js";
import type { CreateTrialInput, TrialRecord } from "../spec.js";
import { stringifyNumbers, trialFromRow, type TrialRow } from "../sqlite/rows.js";
import type { Queryable } from "./database.js";
import type { TableNames } from "./table-names.js";

/**
 * The statements that write trials. Each takes the study row's lock before it draws a
 * change number from the sequence, and holds it to commit, so within a study change
 * numbers commit in order: a reader that has seen number n has seen every smaller one,
 * and getTrialsChangedSince never skips a change. Lock order is always trial rows
 * first, then the study row, so writers cannot deadlock one another. Each is a single
 * statement, so the study lock is never held across a round trip to this process.
 *
 * Rows come back from node-postgres with BIGINT columns as strings; trialFromRow
 * converts them.
 */

/** A trial as written, with the change number of that write (see saveTrial's `readSeq`). */
export interface WrittenTrial {
  trial: TrialRecord;
  seq: string;
}

/**
 * Adds a trial with the study's next number (bumping the counter locks the study row). A
 * running trial counts as started; with `input.trialLimit`, the study row is updated only
 * while fewer have started. The check runs on the row as locked (READ COMMITTED re-reads
 * an updated row after waiting for its lock), so concurrent inserts cannot both pass it.
 * Returns null when the limit refused the trial.
 */
export async function insertTrial(q: Queryable, t: TableNames, studyId: number, input: CreateTrialInput, token: string): Promise<WrittenTrial | null> {
  const record = newTrialRecord(0, studyId, 0, input, Date.now());
  const { rows } = await q.query<{ id: string; number: number; seq: string }>(
    `WITH n AS (
       UPDATE ${t.studies} SET next_number = next_number + 1, started = started + (CASE WHEN $2::text = 'running' THEN 1 ELSE 0 END)
       WHERE id = $1 AND ($2::text <> 'running' OR $14::integer IS NULL OR started < $14::integer)
       RETURNING next_number - 1 AS number)
     INSERT INTO ${t.trials} (study_id, number, state, config, params, fidelity, user_attrs, system_attrs,
       worker_id, heartbeat, retries, created_at, started_at, seq, write_token)
     SELECT $1::bigint, n.number, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::bigint,
       $10::integer, $11::bigint, $12::bigint, nextval('${t.changeSeq}'), $13::text FROM n
     RETURNING id, number, seq`,
    [
      studyId,
      record.state,
      JSON.stringify(record.config),
      JSON.stringify(record.params),
      record.fidelity === null ? null : JSON.stringify(record.fidelity),
      JSON.stringify(record.userAttrs),
      JSON.stringify(record.systemAttrs),
      record.workerId,
      record.heartbeat,
      record.retries,
      record.createdAt,
      record.startedAt,
      token,
      input.trialLimit ?? null,
    ],
  );
  if (rows.length === 0) return null;
  return { trial: { ...record, id: Number(rows[0].id), number: rows[0].number }, seq: String(rows[0].seq) };
}

/**
 * Moves the study's oldest queued trial that no one else is claiming to running, counting
 * it as started; with `trialLimit`, only while fewer have started (as in insertTrial).
 * Returns null when there is none to claim or the limit refused it.
 */
export async function claimTrial(
  q: Queryable,
  t: TableNames,
  studyId: number,
  workerId: string,
  heartbeat: number | null,
  token: string,
  trialLimit: number | null,
): Promise<WrittenTrial | null> {
  const { rows } = await q.query<TrialRowWithSeq>(
    `WITH pick AS (
       SELECT id FROM ${t.trials} WHERE study_id = $1 AND state = 'queued' ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED
     ), study AS (
       UPDATE ${t.studies} s SET started = started + 1 FROM pick WHERE s.id = $1 AND ($6::integer IS NULL OR s.started < $6::integer) RETURNING s.id
     )
     UPDATE ${t.trials} tr SET state = 'running', worker_id = $2, heartbeat = $3, started_at = $4,
       seq = nextval('${t.changeSeq}'), write_token = $5
     FROM pick, study WHERE tr.id = pick.id
     RETURNING tr.*`,
    [studyId, workerId, heartbeat, Date.now(), token, trialLimit],
  );
  return rows.length === 0 ? null : { trial: trialFromRow(rows[0]), seq: String(rows[0].seq) };
}

/** How many trials the study has started, or null when there is no such study. */
export async function startedCount(q: Queryable, t: TableNames, studyId: number): Promise<number | null> {
  const { rows } = await q.query<{ started: number }>(`SELECT started FROM ${t.studies} WHERE id = $1`, [studyId]);
  return rows.length === 0 ? null : Number(rows[0].started);
}

/**
 * Writes every changeable field of a running trial, if its row is still as it was read
 * (same `seq`, still running): one statement, so no lock is held while this process
 * thinks. Returns the write's change number, or null when the trial changed meanwhile
 * (read it again). The heartbeat
 * column is left alone unless `heartbeat` is given: a concurrent heartbeat() is not undone.
 */
export async function saveTrial(q: Queryable, t: TableNames, trial: TrialRecord, token: string, readSeq: string, heartbeat?: number): Promise<string | null> {
  const { rows } = await q.query<{ seq: string }>(
    `WITH target AS (
       SELECT id FROM ${t.trials} WHERE id = $1 AND seq = $16 AND state = 'running' FOR UPDATE
     ), study AS (
       SELECT s.id FROM ${t.studies} s, target WHERE s.id = $15 FOR NO KEY UPDATE OF s
     )
     UPDATE ${t.trials} AS tr SET state = $2, config = $3, params = $4, "values" = $5, intermediate = $6, cost = $7,
       constraints = $8, user_attrs = $9, system_attrs = $10, error = $11, heartbeat = COALESCE($12, tr.heartbeat),
       completed_at = $13, seq = nextval('${t.changeSeq}'), write_token = $14
     FROM target, study WHERE tr.id = target.id
     RETURNING tr.seq`,
    [
      trial.id,
      trial.state,
      JSON.stringify(trial.config),
      JSON.stringify(trial.params),
      stringifyNumbers(trial.values),
      JSON.stringify(trial.intermediate),
      JSON.stringify(trial.cost),
      stringifyNumbers(trial.constraints),
      JSON.stringify(trial.userAttrs),
      JSON.stringify(trial.systemAttrs),
      trial.error,
      heartbeat ?? null,
      trial.completedAt,
      token,
      trial.studyId,
      readSeq,
    ],
  );
  return rows.length === 1 ? String(rows[0].seq) : null;
}

/** A trial's row as it is now (with its `seq` and last write token); null when there is none. */
export async function readTrial(q: Queryable, t: TableNames, trialId: number): Promise<TrialRowWithSeq | null> {
  const { rows } = await q.query<TrialRowWithSeq>(`SELECT * FROM ${t.trials} WHERE id = $1`, [trialId]);
  return rows[0] ?? null;
}

export type TrialRowWithSeq = TrialRow & { seq: string; write_token: string | null };

/** Trials of the study whose last write carried `token` (an earlier attempt of this call). */
export async function trialsWrittenWith(q: Queryable, t: TableNames, studyId: number, token: string): Promise<TrialRecord[]> {
  const { rows } = await q.query<TrialRow>(`SELECT * FROM ${t.trials} WHERE study_id = $1 AND write_token = $2 ORDER BY number`, [studyId, token]);
  return rows.map(trialFromRow);
}
