/**
 * Base class of every error knobs throws on purpose. `code` is stable and travels
 * unchanged into JSON-RPC errors and the CLI's `--json` output.
 */
export class KnobsError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }

  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}
