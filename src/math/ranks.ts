import { InvalidArgumentError } from "../errors/index.js";

/**
 * Ranks 1..n of the values, smallest first; tied values share the mean of the ranks they
 * span ("average" method), e.g. [10, 20, 20, 30] -> [1, 2.5, 2.5, 4].
 */
export function rankWithTies(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end++;
    const shared = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]] = shared;
    start = end + 1;
  }
  return ranks;
}

/**
 * Average rank of each method over problems (Demsar 2006): `matrix[problem][method]` holds a
 * score where lower is better; each row is ranked (ties get their mean rank) and the ranks
 * are averaged down each column. Rank 1 is best.
 *
 * @example
 * averageRanks([[0.1, 0.3], [0.2, 0.2]]); // [1.25, 1.75]
 */
export function averageRanks(matrix: readonly (readonly number[])[]): number[] {
  if (matrix.length === 0) throw new InvalidArgumentError("averageRanks needs at least one row");
  const width = matrix[0].length;
  const totals = new Array<number>(width).fill(0);
  matrix.forEach((row, r) => {
    if (row.length !== width) {
      throw new InvalidArgumentError(`every row must have ${width} methods, but row ${r} has ${row.length}`);
    }
    rankWithTies(row).forEach((rank, m) => (totals[m] += rank));
  });
  return totals.map((total) => total / matrix.length);
}

/** Sum of t^3 - t over groups of t tied ranks. */
export function tieCorrection(ranks: readonly number[]): number {
  const groups = new Map<number, number>();
  for (const rank of ranks) groups.set(rank, (groups.get(rank) ?? 0) + 1);
  let sum = 0;
  for (const t of groups.values()) sum += t ** 3 - t;
  return sum;
}
