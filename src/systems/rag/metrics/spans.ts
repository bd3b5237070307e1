/** A character span of a document: [start, end). */
export interface Span {
  docId: string;
  start: number;
  end: number;
}

/** Disjoint, sorted [start, end) intervals per document. */
export type SpanSet = Map<string, [number, number][]>;

/** Merges spans into disjoint sorted intervals per document (overlapping or touching intervals join); empty spans vanish. */
export function mergeSpans(spans: readonly Span[]): SpanSet {
  const byDoc = new Map<string, [number, number][]>();
  for (const span of spans) {
    if (span.end <= span.start) continue;
    let list = byDoc.get(span.docId);
    if (!list) byDoc.set(span.docId, (list = []));
    list.push([span.start, span.end]);
  }
  for (const [docId, list] of byDoc) {
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged: [number, number][] = [];
    for (const [start, end] of list) {
      const last = merged[merged.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    byDoc.set(docId, merged);
  }
  return byDoc;
}

/** Total length of a span set. */
export function spanSetLength(set: SpanSet): number {
  let total = 0;
  for (const list of set.values()) for (const [start, end] of list) total += end - start;
  return total;
}

/** Length of the intersection of two span sets. */
export function intersectionLength(a: SpanSet, b: SpanSet): number {
  let total = 0;
  for (const [docId, left] of a) {
    const right = b.get(docId);
    if (!right) continue;
    let i = 0;
    let j = 0;
    while (i < left.length && j < right.length) {
      const overlap = Math.min(left[i][1], right[j][1]) - Math.max(left[i][0], right[j][0]);
      if (overlap > 0) total += overlap;
      if (left[i][1] < right[j][1]) i++;
      else j++;
    }
  }
  return total;
}

/** Sum of span lengths, counting overlapping text once per span. */
export function summedLength(spans: readonly Span[]): number {
  let total = 0;
  for (const span of spans) total += Math.max(0, span.end - span.start);
  return total;
}

/** Whether two spans share at least one character. */
export function spansIntersect(a: Span, b: Span): boolean {
  return a.docId === b.docId && a.start < b.end && b.start < a.end;
}
