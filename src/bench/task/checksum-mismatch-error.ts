import { KnobsError } from "../../errors/index.js";

/** A data file's SHA-256 differs from the one recorded for it (task.yaml or SHA256SUMS). */
export class ChecksumMismatchError extends KnobsError {
  readonly file: string;
  readonly expected: string;
  readonly actual: string;

  constructor(file: string, expected: string, actual: string, recordedIn: string) {
    super(
      "checksum_mismatch",
      `${file}: SHA-256 is ${actual} but ${recordedIn} records ${expected}; the file changed since the checksum was written (restore it, or update ${recordedIn} if the change is intended)`,
    );
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }
}
