/**
 * The last `limit` characters of a stream, kept as chunks so that appending costs O(chunk)
 * (a `(text + chunk).slice(-limit)` copies the whole kept text on every chunk).
 */
export class BoundedTail {
  private chunks: string[] = [];
  private kept = 0;
  /** Characters seen in all, kept or not. */
  total = 0;

  constructor(readonly limit: number) {}

  push(chunk: string): void {
    this.total += chunk.length;
    this.chunks.push(chunk);
    this.kept += chunk.length;
    // Drop whole chunks from the front while the rest still covers the limit.
    let drop = 0;
    while (drop < this.chunks.length - 1 && this.kept - this.chunks[drop].length >= this.limit) this.kept -= this.chunks[drop++].length;
    if (drop > 0) this.chunks = this.chunks.slice(drop);
  }

  /** Whether characters were dropped from the front. */
  get truncated(): boolean {
    return this.total > this.kept;
  }

  /** The kept text: the whole stream, or (when truncated) its last lines that were kept whole. */
  text(): string {
    const joined = this.chunks.join("");
    if (!this.truncated) return joined;
    const text = joined.slice(-this.limit);
    const newline = text.indexOf("\n");
    return newline < 0 ? "" : text.slice(newline + 1);
  }
}
