import { KnobsError } from "../../../errors/index.js";

/** Throws a KnobsError (`invalid_chunking`) unless size is a positive integer and 0 <= overlap < size. */
export function checkChunking(size: number, overlap: number): void {
  if (!Number.isInteger(size) || size < 1) throw new KnobsError("invalid_chunking", `chunk size must be a positive integer, got ${size}`);
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= size) {
    throw new KnobsError("invalid_chunking", `chunk overlap must be an integer with 0 <= overlap < size, got overlap=${overlap}, size=${size}`);
  }
}
