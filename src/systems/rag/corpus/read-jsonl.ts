import { readFileSync } from "node:fs";
import { CorpusDataError } from "./corpus-data-error.js";

/** One JSON object read from a line of a JSONL file. */
export interface JsonlRecord {
  /** 1-based line number in the file. */
  line: number;
  value: Record<string, unknown>;
}

/**
 * Parses JSONL text: one JSON object per line; blank lines are skipped; a UTF-8 byte-order
 * mark and CRLF line ends are accepted. Throws CorpusDataError naming `file` and the line
 * for a line that is not JSON or not an object.
 */
export function parseJsonl(text: string, file: string): JsonlRecord[] {
  const records: JsonlRecord[] = [];
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split("\n");
  lines.forEach((raw, i) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new CorpusDataError({ file, line: i + 1 }, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new CorpusDataError({ file, line: i + 1 }, `expected a JSON object, received ${describeJson(value)}`);
    }
    records.push({ line: i + 1, value: value as Record<string, unknown> });
  });
  return records;
}

/** Reads and parses a JSONL file; `displayName` is what error messages call it. */
export function readJsonl(path: string, displayName: string): JsonlRecord[] {
  return parseJsonl(readFileSync(path, "utf8"), displayName);
}

/** "a string", "an array", "null", ... for error messages. */
export function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
  return `a ${typeof value}`;
}
