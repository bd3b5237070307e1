/** Retrieval results. Types only. */

/** A chunk (by its position in the index) with a score; higher is better. */
export interface Scored {
  id: number;
  score: number;
}
