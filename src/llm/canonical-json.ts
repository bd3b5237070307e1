import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every depth and `undefined` members dropped, so two
 * equal values always give the same text. Non-finite numbers are refused (JSON would
 * silently turn them into null).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** Hex sha256 of a string. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function sortKeys(value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError(`cannot key a request holding the number ${value}`);
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortKeys(item)));
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = sortKeys(member);
  }
  return sorted;
}
