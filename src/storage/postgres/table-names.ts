/** The SQL names knobs uses, qualified with the chosen schema (or left to `search_path`). */
export interface TableNames {
  /** The schema, or null to use the connection's `search_path` (usually `public`). */
  schema: string | null;
  studies: string;
  trials: string;
  version: string;
  changeSeq: string;
  /** Unqualified names, for indexes (which live in their table's schema). */
  bare: { studies: string; trials: string };
}

/** Lower-case identifiers only: they go into SQL unquoted-safe and need no escaping. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function tableNames(schema: string | null): TableNames {
  const q = (name: string) => (schema === null ? name : `"${schema}".${name}`);
  return {
    schema,
    studies: q("knobs_studies"),
    trials: q("knobs_trials"),
    version: q("knobs_schema_version"),
    changeSeq: q("knobs_change_seq"),
    bare: { studies: "knobs_studies", trials: "knobs_trials" },
  };
}
