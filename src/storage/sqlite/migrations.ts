/**
 * SQLite schema, as an ordered list of migrations. The database records the number it
 * has applied in `meta.schema_version`; opening applies the rest in one transaction.
 * Append new migrations; never edit an old one.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   INSERT INTO meta (key, value) VALUES ('seq', '0');
   CREATE TABLE studies (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     objectives TEXT NOT NULL,
     space TEXT,
     user_attrs TEXT NOT NULL DEFAULT '{}',
     system_attrs TEXT NOT NULL DEFAULT '{}',
     optimizer_cost TEXT NOT NULL DEFAULT '{}',
     created_at INTEGER NOT NULL
   );
   CREATE TABLE trials (
     id INTEGER PRIMARY KEY,
     study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
     number INTEGER NOT NULL,
     state TEXT NOT NULL,
     config TEXT NOT NULL,
     params TEXT NOT NULL DEFAULT '{}',
     fidelity TEXT,
     "values" TEXT,
     intermediate TEXT NOT NULL DEFAULT '{}',
     cost TEXT NOT NULL DEFAULT '{}',
     constraints TEXT,
     user_attrs TEXT NOT NULL DEFAULT '{}',
     system_attrs TEXT NOT NULL DEFAULT '{}',
     error TEXT,
     worker_id TEXT,
     heartbeat INTEGER,
     retries INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     started_at INTEGER,
     completed_at INTEGER,
     seq INTEGER NOT NULL,
     UNIQUE (study_id, number)
   );
   CREATE INDEX trials_by_seq ON trials (study_id, seq);
   CREATE INDEX trials_by_state ON trials (study_id, state);`,
  // v2: let the queue and heartbeat lookups use an index instead of scanning the study.
  `DROP INDEX trials_by_state;
   CREATE INDEX trials_by_state ON trials (study_id, state, number);
   CREATE INDEX trials_by_worker ON trials (worker_id, state);`,
];
