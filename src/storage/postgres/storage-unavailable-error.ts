import { KnobsError } from "../../errors/index.js";

/**
 * The PostgreSQL server could not be reached (or kept dropping the connection) through
 * every retry. Retrying later may help: `isRetryable` is true.
 */
export class StorageUnavailableError extends KnobsError {
  /** host:port/database, never the password. */
  readonly server: string;
  readonly attempts: number;
  readonly isRetryable = true;

  constructor(server: string, attempts: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super("storage_unavailable", `PostgreSQL at ${server} did not answer after ${attempts} attempts (last error: ${reason}); check the server is up and reachable, then run again`, { cause });
    this.server = server;
    this.attempts = attempts;
  }
}
