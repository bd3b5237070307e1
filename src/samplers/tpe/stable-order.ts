/**
 * Indices 0..n-1 ordered by `less`, equal elements in index order: a bottom-up merge sort
 * on typed arrays. Several times faster than Array#sort with a comparator on the arrays
 * TPE sorts at every ask (a thousand observations, a thousand loss vectors), and gives the
 * same order as a comparator that breaks ties by index.
 */
export function stableOrder(n: number, less: (a: number, b: number) => boolean): Int32Array {
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Int32Array(n);
  for (let width = 1; width < n; width *= 2) {
    for (let start = 0; start < n; start += 2 * width) {
      const middle = Math.min(start + width, n);
      const end = Math.min(start + 2 * width, n);
      let left = start;
      let right = middle;
      let at = start;
      // Take from the right run only when strictly less: stable.
      while (left < middle && right < end) spare[at++] = less(order[right], order[left]) ? order[right++] : order[left++];
      while (left < middle) spare[at++] = order[left++];
      while (right < end) spare[at++] = order[right++];
    }
    [order, spare] = [spare, order];
  }
  return order;
}

/**
 * Indices of `values` (no NaN) in ascending order, equal values in index order: the
 * values sorted natively (no comparator), then each index placed at its value's first
 * slot plus the number of earlier indices with an equal value. The order `stableOrder`
 * gives for `values[a] < values[b]`, in a fraction of the time.
 */
export function ascendingOrder(values: Float64Array): Int32Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const taken = new Int32Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // The first slot holding a value >= v (-0 and 0 are equal here, as in the comparison).
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    order[lo + taken[lo]++] = i;
  }
  return order;
}
