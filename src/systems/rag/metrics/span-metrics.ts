import { intersectionLength, mergeSpans, spanSetLength, summedLength, type Span } from "./spans.js";

/**
 * How retrieved text is counted:
 * - "chroma" (default): as in the chroma chunking evaluation (brandonstarxel/chunking_evaluation,
 *   base_evaluation.py): the precision and IoU denominators add up the length of every retrieved
 *   chunk, so text retrieved twice by overlapping chunks counts twice (redundant context costs);
 *   the recall denominator adds up the gold spans.
 * - "union": retrieved and gold text are each taken as a union of character spans, so overlap
 *   between retrieved chunks is free.
 */
export type SpanMetricMode = "chroma" | "union";

/** Span recall, precision and IoU of one question, in characters. */
export interface SpanScores {
  recall: number;
  precision: number;
  iou: number;
}

/**
 * Character-level recall, precision and IoU of retrieved chunks against gold spans, for one
 * question. With R the union of retrieved spans and G the union of gold spans, the shared
 * text is |R ∩ G| characters, and
 *
 *   recall    = |R ∩ G| / |G|
 *   precision = |R ∩ G| / |R|
 *   IoU       = |R ∩ G| / (|R| + |G \ R|)
 *
 * where in "chroma" mode |R| is the summed length of the retrieved chunks, |G| the summed
 * length of the gold spans and |G \ R| the uncovered length of each gold span, summed (see
 * SpanMetricMode); in "union" mode the IoU is the plain |R ∩ G| / |R ∪ G|. Spans of different documents never intersect.
 * A zero denominator gives 0 (as upstream).
 *
 * @example
 * spanScores([{docId: "a", start: 0, end: 10}], [{docId: "a", start: 5, end: 15}]);
 * // { recall: 0.5, precision: 0.5, iou: 5 / 15 }
 */
export function spanScores(retrieved: readonly Span[], gold: readonly Span[], mode: SpanMetricMode = "chroma"): SpanScores {
  const retrievedSet = mergeSpans(retrieved);
  const goldSet = mergeSpans(gold);
  const shared = intersectionLength(retrievedSet, goldSet);
  const retrievedLength = mode === "chroma" ? summedLength(retrieved) : spanSetLength(retrievedSet);
  const goldLength = mode === "chroma" ? summedLength(gold) : spanSetLength(goldSet);
  // Gold text no retrieved chunk covers; upstream counts it per gold span (equal to
  // |G| - |R ∩ G| unless gold spans overlap).
  let uncovered = goldLength - shared;
  if (mode === "chroma") {
    uncovered = 0;
    for (const span of gold) uncovered += Math.max(0, span.end - span.start) - intersectionLength(mergeSpans([span]), retrievedSet);
  }
  const ratio = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : 0);
  return {
    recall: ratio(shared, goldLength),
    precision: ratio(shared, retrievedLength),
    iou: ratio(shared, retrievedLength + uncovered),
  };
}
