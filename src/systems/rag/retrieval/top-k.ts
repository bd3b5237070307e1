import type { Scored } from "./spec.js";

/** Whether a ranks before b: higher score first, then lower id (so ties break the same way every run). */
export function ranksBefore(a: Scored, b: Scored): boolean {
  return a.score > b.score || (a.score === b.score && a.id < b.id);
}

/** Sorts in place by score descending, id ascending. */
export function sortRanked(items: Scored[]): Scored[] {
  return items.sort((a, b) => (b.score - a.score) || (a.id - b.id));
}

/**
 * The best `k` of `count` candidates, best first (score descending, id ascending on ties),
 * with a bounded min-heap: O(count log k).
 */
export function topK(count: number, idAt: (i: number) => number, scoreAt: (i: number) => number, k: number): Scored[] {
  if (k <= 0) return [];
  const heap: Scored[] = [];
  for (let i = 0; i < count; i++) {
    const id = idAt(i);
    const score = scoreAt(i);
    if (heap.length < k) {
      heap.push({ id, score });
      siftUp(heap, heap.length - 1);
    } else if (score > heap[0].score || (score === heap[0].score && id < heap[0].id)) {
      // Only a candidate that beats the worst kept item is allocated.
      heap[0] = { id, score };
      siftDown(heap, 0);
    }
  }
  return sortRanked(heap);
}

// The heap's root is the worst item kept.
function siftUp(heap: Scored[], at: number): void {
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!ranksBefore(heap[parent], heap[at])) break;
    [heap[parent], heap[at]] = [heap[at], heap[parent]];
    at = parent;
  }
}

function siftDown(heap: Scored[], at: number): void {
  for (;;) {
    const left = 2 * at + 1;
    const right = left + 1;
    let worst = at;
    if (left < heap.length && ranksBefore(heap[worst], heap[left])) worst = left;
    if (right < heap.length && ranksBefore(heap[worst], heap[right])) worst = right;
    if (worst === at) return;
    [heap[worst], heap[at]] = [heap[at], heap[worst]];
    at = worst;
  }
}
