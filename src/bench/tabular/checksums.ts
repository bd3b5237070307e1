import { createHash } from "node:crypto";
import { ChecksumMismatchError, TaskDataError } from "../task/index.js";

/** Hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Parses the text of a SHA256SUMS file (`<hash>  <path>` per line, as `sha256sum` writes it;
 * a leading "./" or "*" on the path is dropped) into path -> hash.
 */
export function parseSha256Sums(text: string, file: string): Record<string, string> {
  const sums: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const match = /^([0-9a-fA-F]{64})\s+\*?(?:\.\/)?(.+)$/.exec(line.trim());
    if (!match) throw new TaskDataError({ file, line: i + 1 }, `expected "<64 hex digits>  <path>", found "${line}"`);
    sums[match[2]] = match[1].toLowerCase();
  });
  return sums;
}

/**
 * Checks a file's bytes against the recorded hash. Throws ChecksumMismatchError when they
 * differ, and TaskDataError when `required` and no hash is recorded. Returns the actual hash.
 */
export function verifyChecksum(
  file: string,
  bytes: Uint8Array,
  expected: string | undefined,
  recordedIn: string,
  required: boolean,
): string {
  const actual = sha256Hex(bytes);
  if (expected === undefined) {
    if (required) throw new TaskDataError({ file }, `no SHA-256 recorded for this file in ${recordedIn}; every shipped data file must have one`);
    return actual;
  }
  if (expected.toLowerCase() !== actual) throw new ChecksumMismatchError(file, expected.toLowerCase(), actual, recordedIn);
  return actual;
}
