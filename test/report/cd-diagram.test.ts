import { describe, expect, it } from "vitest";
import { criticalDifferenceDiagram } from "../../src/report/index.js";

describe("the critical-difference diagram", () => {
  it("keeps its default size, and grows its text and spacing with fontSize (the HTML report's is 880 px wide, 15 px text)", () => {
    const ranks = { a: 1.2, b: 2.1, c: 2.7 };
    expect(criticalDifferenceDiagram(ranks, 1.5).split("\n")[0]).toContain('width="560" height="118" font-family="sans-serif" font-size="11"');
    const large = criticalDifferenceDiagram(ranks, 1.5, { width: 880, fontSize: 15 });
    expect(large.split("\n")[0]).toContain('width="880" height="161" font-family="sans-serif" font-size="15"');
    // Name labels 16 px apart at 11 px text, 16 * 15/11 at 15 px.
    const ys = [...large.matchAll(/<text x="[\d.]+" y="([\d.]+)">[abc] \(/g)].map((m) => Number(m[1]));
    expect(ys[1] - ys[0]).toBeCloseTo((16 * 15) / 11, 6);
  });
});
