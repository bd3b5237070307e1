import { StorageOpenError } from "../errors.js";

// SQLSTATEs of a server that answers but will not let knobs in: every class-28 code (no such
// role, bad password, no pg_hba.conf entry, no user name), no such database, no such schema,
// not allowed (e.g. to create knobs' schema).
const REFUSALS: Record<string, string> = {
  "3D000": "",
  "3F000": "",
  "42501": " (see docs/postgres.md, Preparing the server, for the rights knobs needs)",
};

/**
 * A server's refusal of the URL (a user error: wrong role, password, database, rights), as
 * a StorageOpenError naming the URL without its password; null for any other error.
 */
export function refusalError(error: unknown, target: string): StorageOpenError | null {
  if (typeof error !== "object" || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : String(error);
  if (typeof code === "string" && (code.startsWith("28") || code in REFUSALS)) {
    const reason = code.startsWith("28") ? `the server refused the login: ${text}` : `${text}${REFUSALS[code]}`;
    return new StorageOpenError(target, reason, { cause: error });
  }
  // node-postgres' own errors when the server asks for a password the URL does not give.
  if (/password must be a string|no password/i.test(text)) {
    return new StorageOpenError(target, `the server asks for a password: give it in the URL, ~/.pgpass or PGPASSWORD (${text})`, { cause: error });
  }
  if (code === "ENOTFOUND") return new StorageOpenError(target, `no such host (${text})`, { cause: error });
  return null;
}
