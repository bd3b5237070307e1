import type { ErrorCode } from "./error-codes.js";

/**
 * Base class of every error knobs throws on purpose. `code` is stable (one of ERROR_CODES)
 * and travels unchanged into JSON-RPC errors and the CLI's `--json` output.
 */
export class KnobsError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}
