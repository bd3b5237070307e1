import { StorageOpenError } from "../errors.js";
import type { Database, Queryable } from "./database.js";
import { MIGRATIONS } from "./migrations.js";
import type { TableNames } from "./table-names.js";

/**
 * Brings the schema up to date: creates the schema when one is named and missing, then
 * applies the migrations the database lacks, all in one transaction. An advisory lock
 * makes workers that start together wait for the first one instead of racing it.
 * Returns the schema version now in place.
 */
export async function migrate(db: Database, t: TableNames): Promise<number> {
  return db.retrying(() =>
    db.transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('knobs-schema:' || COALESCE($1::text, current_schema(), '')))", [t.schema]);
      if (t.schema !== null) {
        const found = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [t.schema]);
        if (found.rowCount === 0) await client.query(`CREATE SCHEMA "${t.schema}"`);
      }
      const version = await currentVersion(client, t);
      if (version > MIGRATIONS.length) throw newerSchemaError(db, t, version);
      for (let v = version; v < MIGRATIONS.length; v++) await client.query(MIGRATIONS[v](t));
      if (version < MIGRATIONS.length) await client.query(`UPDATE ${t.version} SET version = $1`, [MIGRATIONS.length]);
      return MIGRATIONS.length;
    }),
  );
}

export function newerSchemaError(db: Database, t: TableNames, version: number): StorageOpenError {
  return new StorageOpenError(
    db.target,
    `${db.server}${t.schema ? ` (schema ${t.schema})` : ""} has knobs schema version ${version}, newer than this knobs (${MIGRATIONS.length}): upgrade knobs`,
  );
}

/** The applied schema version: 0 when knobs has no tables here yet. */
export async function currentVersion(client: Queryable, t: TableNames): Promise<number> {
  const table = await client.query<{ name: string | null }>("SELECT to_regclass($1)::text AS name", [t.version]);
  if (table.rows[0].name === null) return 0;
  const row = await client.query<{ version: number }>(`SELECT version FROM ${t.version}`);
  return row.rows[0]?.version ?? 0;
}
