/**
 * Answer metrics of SQuAD (Rajpurkar et al., 2016; the official evaluate-v2.0.py): answers are
 * normalized (lowercased, ASCII punctuation removed, the articles a/an/the removed, whitespace
 * collapsed), then compared exactly (EM) or as bags of tokens (F1). Against several gold
 * answers the best score counts.
 */

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
const ARTICLES = /\b(a|an|the)\b/g;

/** SQuAD normalization: lowercase, drop punctuation, drop articles, collapse whitespace. */
export function normalizeAnswer(text: string): string {
  return text.toLowerCase().replace(PUNCTUATION, "").replace(ARTICLES, " ").split(/\s+/).filter(Boolean).join(" ");
}

/** 1 when the normalized prediction equals some normalized gold answer, else 0 (0 with no gold answer). */
export function exactMatch(prediction: string, golds: readonly string[]): number {
  const normalized = normalizeAnswer(prediction);
  return golds.some((gold) => normalizeAnswer(gold) === normalized) ? 1 : 0;
}

/**
 * Best token F1 of the prediction against the gold answers: 2 P R / (P + R) on the
 * multiset of normalized tokens. When either side has no token, 1 if both are empty, else 0.
 *
 * @example
 * tokenF1("the big cat", ["a big black cat"]); // P = 2/2, R = 2/3, F1 = 0.8
 */
export function tokenF1(prediction: string, golds: readonly string[]): number {
  const predicted = normalizeAnswer(prediction).split(" ").filter(Boolean);
  let best = 0;
  for (const gold of golds) best = Math.max(best, f1(predicted, normalizeAnswer(gold).split(" ").filter(Boolean)));
  return best;
}

function f1(predicted: readonly string[], gold: readonly string[]): number {
  if (predicted.length === 0 || gold.length === 0) return predicted.length === gold.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const token of gold) counts.set(token, (counts.get(token) ?? 0) + 1);
  let shared = 0;
  for (const token of predicted) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(token, left - 1);
    }
  }
  if (shared === 0) return 0;
  const precision = shared / predicted.length;
  const recall = shared / gold.length;
  return (2 * precision * recall) / (precision + recall);
}
