import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseSha256Sums, verifyChecksum } from "../tabular/index.js";

/**
 * The package's data/ folder. This file sits at src/bench/builtin/ (or dist/bench/builtin/
 * once built), three levels below the package root in both cases.
 */
export function dataDir(): string {
  return fileURLToPath(new URL("../../../data/", import.meta.url));
}

let sums: Record<string, string> | undefined;

/** The checksums in data/SHA256SUMS of the files under `folder` (relative to data/), keyed relative to `folder`. */
export function shippedChecksums(folder: string): Record<string, string> {
  sums ??= parseSha256Sums(readFileSync(join(dataDir(), "SHA256SUMS"), "utf8"), "data/SHA256SUMS");
  const prefix = folder.endsWith("/") ? folder : folder + "/";
  const out: Record<string, string> = {};
  for (const [path, hash] of Object.entries(sums)) if (path.startsWith(prefix)) out[path.slice(prefix.length)] = hash;
  return out;
}

/** Reads a shipped file (path relative to data/), verifying it against data/SHA256SUMS; returns its text and hash. */
export function readShippedFile(path: string): { text: string; sha256: string } {
  sums ??= parseSha256Sums(readFileSync(join(dataDir(), "SHA256SUMS"), "utf8"), "data/SHA256SUMS");
  const bytes = readFileSync(join(dataDir(), path));
  const sha256 = verifyChecksum(`data/${path}`, bytes, sums[path], "data/SHA256SUMS", true);
  return { text: bytes.toString("utf8"), sha256 };
}
