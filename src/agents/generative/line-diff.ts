/**
 * A line diff in unified format (as `diff -u` writes it), from a longest common
 * subsequence of lines. Artifacts are prompts and small modules, so the quadratic LCS
 * table is cheap; past MAX_CELLS cells the changed middle is written as removed then
 * added, which is still a correct (if larger) diff.
 */

const MAX_CELLS = 4_000_000;

type Op = { kind: " " | "-" | "+"; line: string };

export interface UnifiedDiffOptions {
  /** Unchanged lines shown around each change (default 3). */
  context?: number;
  /** Name in the `--- a/<name>` / `+++ b/<name>` header (default "artifact"). */
  name?: string;
}

/**
 * The unified diff turning `before` into `after`, or "" when they are equal.
 *
 * @example
 * unifiedDiff("a\nb\nc", "a\nB\nc", { name: "prompt" });
 * // --- a/prompt\n+++ b/prompt\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c
 */
export function unifiedDiff(before: string, after: string, options: UnifiedDiffOptions = {}): string {
  if (before === after) return "";
  const context = Math.max(0, options.context ?? 3);
  const name = options.name ?? "artifact";
  const ops = diffLines(before.split("\n"), after.split("\n"));
  const hunks = groupHunks(ops, context).map((range) => renderHunk(ops, range));
  return [`--- a/${name}`, `+++ b/${name}`, ...hunks].join("\n");
}

/** The edit script between two line lists: common prefix and suffix, LCS in between. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = a.slice(0, start).map((line) => ({ kind: " ", line }));
  ops.push(...middle(a.slice(start, endA), b.slice(start, endB)));
  ops.push(...a.slice(endA).map((line): Op => ({ kind: " ", line })));
  return ops;
}

function middle(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS) return [...a.map((line): Op => ({ kind: "-", line })), ...b.map((line): Op => ({ kind: "+", line }))];
  // lcs[i * (m + 1) + j] = length of the LCS of a[i..] and b[j..].
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i++] });
      j++;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      ops.push({ kind: "-", line: a[i++] });
    } else {
      ops.push({ kind: "+", line: b[j++] });
    }
  }
  while (i < n) ops.push({ kind: "-", line: a[i++] });
  while (j < m) ops.push({ kind: "+", line: b[j++] });
  return ops;
}

/** Index ranges [from, to) of the ops shown in each hunk: changes plus `context` lines, merged when they touch. */
function groupHunks(ops: readonly Op[], context: number): [number, number][] {
  const ranges: [number, number][] = [];
  ops.forEach((op, index) => {
    if (op.kind === " ") return;
    const from = Math.max(0, index - context);
    const to = Math.min(ops.length, index + context + 1);
    const last = ranges[ranges.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  });
  return ranges;
}

function renderHunk(ops: readonly Op[], [from, to]: [number, number]): string {
  let oldLine = 0;
  let newLine = 0;
  for (let index = 0; index < from; index++) {
    if (ops[index].kind !== "+") oldLine++;
    if (ops[index].kind !== "-") newLine++;
  }
  const shown = ops.slice(from, to);
  const oldCount = shown.filter((op) => op.kind !== "+").length;
  const newCount = shown.filter((op) => op.kind !== "-").length;
  // As diff -u: a side with no lines names the line after which the change sits.
  const oldStart = oldCount > 0 ? oldLine + 1 : oldLine;
  const newStart = newCount > 0 ? newLine + 1 : newLine;
  const header = `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`;
  return [header, ...shown.map((op) => `${op.kind}${op.line}`)].join("\n");
}
