import { StorageUrlError } from "../errors.js";
import { SCHEMA_NAME } from "./table-names.js";

/** What knobs reads from a `postgres://` URL; everything else is passed on to node-postgres. */
export interface PostgresUrl {
  /** The URL without knobs' own parameters. */
  connectionString: string;
  /** `?schema=name`: keep knobs' tables in this schema (created if missing). */
  schema: string | null;
  /** `?pool_size=n`: connections this process may open at once. */
  poolSize: number | null;
  /** `?prepare=false`: send statements unnamed (for poolers that cannot keep prepared statements). Default true. */
  prepare: boolean;
  /** host:port/database, for messages: never the user or password. */
  server: string;
  /** The user the URL names (in its user part or `?user=`), or null to leave it to PGUSER / USER. */
  user: string | null;
}

const KNOBS_PARAMS = ["schema", "pool_size", "prepare"];

/**
 * Splits a `postgres://user:password@host:port/database?schema=knobs&pool_size=4&prepare=false&sslmode=require`
 * URL into knobs' parameters and the connection string node-postgres understands.
 */
export function parsePostgresUrl(url: string): PostgresUrl {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new StorageUrlError(redact(url), "expected postgres://user@host:port/database");
  const queryAt = url.indexOf("?");
  const base = queryAt === -1 ? url : url.slice(0, queryAt);
  const parsed = parseUrl(base);
  if (parsed === null) {
    throw new StorageUrlError(redact(url), "not a valid URL (expected postgres://user:password@host:port/database; an IPv6 host goes in brackets, postgres://user@[::1]:5432/database)");
  }
  const params = new URLSearchParams(queryAt === -1 ? "" : url.slice(queryAt + 1));
  const schema = params.get("schema");
  if (schema !== null && !SCHEMA_NAME.test(schema)) {
    throw new StorageUrlError(redact(url), `schema "${schema}" must be a lower-case SQL name (letters, digits, _; at most 63 characters)`);
  }
  const poolText = params.get("pool_size");
  const poolSize = poolText === null ? null : Number(poolText);
  if (poolSize !== null && !(Number.isInteger(poolSize) && poolSize >= 1)) {
    throw new StorageUrlError(redact(url), `pool_size must be a whole number >= 1, got "${poolText}"`);
  }
  const prepareText = params.get("prepare");
  if (prepareText !== null && prepareText !== "true" && prepareText !== "false") {
    throw new StorageUrlError(redact(url), `prepare must be true or false, got "${prepareText}"`);
  }
  for (const name of KNOBS_PARAMS) params.delete(name);
  const rest = params.toString();
  const user = params.get("user") ?? (decodeURIComponent(parsed.username) || null);
  return { connectionString: rest ? `${base}?${rest}` : base, schema, poolSize, prepare: prepareText !== "false", server: serverOf(parsed), user };
}

/**
 * The URL as node-postgres reads it (pg-connection-string: WHATWG URL, and again with a
 * placeholder host for `postgres://user@/db`), or null when it cannot be read.
 */
function parseUrl(base: string): URL | null {
  const text = / |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(base) ? encodeURI(base).replace(/%25(\d\d)/g, "%$1") : base;
  try {
    return new URL(text, "postgres://base");
  } catch {
    try {
      return new URL(text.replace("@/", "@placeholder/"), "postgres://base");
    } catch {
      return null;
    }
  }
}

/** The URL with its password replaced by ***, for messages. */
export function redact(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/?]*):[^@/?]*@/, "$1:***@");
}

function serverOf(parsed: URL): string {
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "(default database)";
  const host = parsed.hostname === "placeholder" ? "" : parsed.hostname;
  return `${host || "localhost"}:${parsed.port || "5432"}/${database}`;
}
