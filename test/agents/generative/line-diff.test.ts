import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../../src/agents/generative/index.js";

/** Applies a unified diff (as unifiedDiff writes it) to `before`, checking every context and removed line. */
function applyDiff(before: string, diff: string): string {
  if (diff === "") return before;
  const source = before.split("\n");
  const lines = diff.split("\n").slice(2);
  const out: string[] = [];
  let next = 0; // index into source of the next line not yet copied
  for (let i = 0; i < lines.length; ) {
    const header = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(lines[i]);
    if (!header) throw new Error(`expected a hunk header, got ${lines[i]}`);
    const oldStart = Number(header[1]);
    const oldCount = Number(header[2]);
    const firstOld = oldCount === 0 ? oldStart : oldStart - 1;
    while (next < firstOld) out.push(source[next++]);
    i++;
    while (i < lines.length && !lines[i].startsWith("@@")) {
      const kind = lines[i][0];
      const text = lines[i].slice(1);
      if (kind === " " || kind === "-") {
        if (source[next] !== text) throw new Error(`line ${next + 1} is ${JSON.stringify(source[next])}, the diff says ${JSON.stringify(text)}`);
        next++;
      }
      if (kind === " " || kind === "+") out.push(text);
      i++;
    }
  }
  while (next < source.length) out.push(source[next++]);
  return out.join("\n");
}

function lcsLength(a: string[], b: string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  return table[0][0];
}

describe("unifiedDiff", () => {
  it("writes a hunk with three lines of context, as diff -u does", () => {
    const before = ["a", "b", "c", "d", "e", "f", "g", "h", "i"].join("\n");
    const after = ["a", "b", "c", "d", "E", "f", "g", "h", "i", "j"].join("\n");
    expect(unifiedDiff(before, after, { name: "prompt" })).toBe(
      ["--- a/prompt", "+++ b/prompt", "@@ -2,8 +2,9 @@", " b", " c", " d", "-e", "+E", " f", " g", " h", " i", "+j"].join("\n"),
    );
  });

  it("splits far-apart changes into hunks and names an empty side by the line before it", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const after = [...before];
    after[1] = "changed 2";
    after.splice(18, 0, "inserted");
    expect(unifiedDiff(before.join("\n"), after.join("\n"), { context: 1 })).toBe(
      [
        "--- a/artifact",
        "+++ b/artifact",
        "@@ -1,3 +1,3 @@",
        " line 1",
        "-line 2",
        "+changed 2",
        " line 3",
        "@@ -18,2 +18,3 @@",
        " line 18",
        "+inserted",
        " line 19",
      ].join("\n"),
    );
    expect(unifiedDiff("", "new", { context: 0 })).toBe(["--- a/artifact", "+++ b/artifact", "@@ -1,1 +1,1 @@", "-", "+new"].join("\n"));
    expect(unifiedDiff("x\ny", "x", { context: 0 })).toBe(["--- a/artifact", "+++ b/artifact", "@@ -2,1 +1,0 @@", "-y"].join("\n"));
  });

  it("is empty for equal texts", () => {
    expect(unifiedDiff("same\ntext", "same\ntext")).toBe("");
  });

  it("turns before into after, with a shortest edit (LCS) — property", () => {
    const text = fc.array(fc.constantFrom("a", "b", "c", "d", ""), { maxLength: 14 });
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 4 }), (a, b, context) => {
        const before = a.join("\n");
        const after = b.join("\n");
        const diff = unifiedDiff(before, after, { context });
        expect(applyDiff(before, diff)).toBe(after);
        if (diff !== "") {
          const removed = diff.split("\n").slice(2).filter((line) => line.startsWith("-")).length;
          expect(removed).toBe(before.split("\n").length - lcsLength(before.split("\n"), after.split("\n")));
        }
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});
