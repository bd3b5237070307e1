/**
 * Which errors a retry may cure. "connection": the socket broke or the server is
 * restarting, and a write in flight may or may not have committed. "conflict": the
 * server aborted the transaction (serialization failure, deadlock), so nothing committed.
 */
export type TransientKind = "connection" | "conflict";

const CONNECTION_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "EAI_AGAIN"]);

// SQLSTATEs: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
const SERVER_GOING_AWAY = new Set(["57P01", "57P02", "57P03", "53300"]);

// node-postgres reports a dropped socket with these messages and no code.
const CONNECTION_MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /not queryable/i, /connection (was )?closed/i];

export function transientKind(error: unknown): TransientKind | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (code === "40001" || code === "40P01") return "conflict";
    if (CONNECTION_CODES.has(code) || SERVER_GOING_AWAY.has(code) || code.startsWith("08")) return "connection";
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === "string" && CONNECTION_MESSAGES.some((pattern) => pattern.test(message))) return "connection";
  return null;
}
