import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FeatureEncoder, loadTabularTask } from "../../../src/bench/tabular/index.js";
import { TaskDataError } from "../../../src/bench/task/index.js";
import { aitchisonDistance } from "../../../src/math/index.js";
import { simplex, Space } from "../../../src/space/index.js";
import { useTmpDir } from "../../helpers/cli.js";

const tmp = useTmpDir();

/** A task folder with a mixture of three columns (web, code, books), a float, and a loss. */
function folder(rows: string[], yamlExtra = "simplex: {mix: [web, code, books]}\n"): string {
  const dir = tmp();
  writeFileSync(
    join(dir, "task.yaml"),
    `id: fixture/mixture\ndescription: hand-made mixtures\nsource: {repo: none, commit: "", path: ., license: CC0-1.0}\nobjective: loss\n${yamlExtra}`,
  );
  writeFileSync(join(dir, "data.csv"), ["cfg-web,cfg-code,cfg-lr,cfg-books,obj-loss-", ...rows].join("\n") + "\n");
  return dir;
}

const ROWS = [
  "0.5,0.5,0.1,0,1.0", // even web/code, no books
  "0.98,0.01,0.1,0.01,2.0", // nearly all web
  "0.2,0.2,0.1,0.6,3.0", // mostly books
  "0.01,0.98,0.2,0.01,4.0", // nearly all code
];

describe("tabular tasks read mixture columns as a simplex", () => {
  it("task.yaml `simplex` groups the columns into one parameter placed at its first column; weights are scaled to sum 1", () => {
    const task = loadTabularTask(folder([...ROWS, "1,1,0.1,2,5.0"]));
    expect(task.space.toJSON()).toEqual({ mix: { type: "simplex", components: ["web", "code", "books"] }, lr: { type: "ordinal", values: [0.1, 0.2] } });
    expect(task.table.rows[4].config.mix).toEqual({ web: 0.25, code: 0.25, books: 0.5 });
    for (const row of task.table.rows) expect(task.space.check(row.config)).toEqual([]);
    expect(task.evaluate({ mix: { web: 0.25, code: 0.25, books: 0.5 }, lr: 0.1 }, null, 0).values).toEqual([5]);
  });

  it("the nearest row is the nearest by Aitchison distance on log-ratios, not by Euclidean distance on weights", () => {
    const task = loadTabularTask(folder(ROWS));
    // (0.6, 0.4, 0): Euclidean distance on weights says row 0 (0.5, 0.5, 0); so does Aitchison, since books is 0 in both.
    expect(task.evaluate({ mix: { web: 0.6, code: 0.4, books: 0 }, lr: 0.1 }, null, 0).values).toEqual([1]);
    // (0.45, 0.45, 0.1): by weights the nearest is row 0 (0.5, 0.5, 0; Euclidean 0.12 against 0.61 for row 2); by
    // log-ratios a books weight of 0.1 is far from 0 and nearer 0.6: row 2 (Aitchison 2.12 against 3.85 for row 0).
    const query = [0.45, 0.45, 0.1];
    const rows = [[0.5, 0.5, 0], [0.98, 0.01, 0.01], [0.2, 0.2, 0.6], [0.01, 0.98, 0.01]];
    const byAitchison = rows.map((r) => aitchisonDistance(query, r, 1e-3));
    const byWeights = rows.map((r) => Math.hypot(...r.map((v, i) => v - query[i])));
    expect(byWeights.indexOf(Math.min(...byWeights))).toBe(0);
    expect(byAitchison.indexOf(Math.min(...byAitchison))).toBe(2);
    expect(task.evaluate({ mix: { web: 0.45, code: 0.45, books: 0.1 }, lr: 0.1 }, null, 0).values).toEqual([3]);
  });

  it("FeatureEncoder distances are the Aitchison distance (pseudo-count 0.001) times one constant, within [-1, 1]", () => {
    const space = Space.parse({ mix: simplex(["a", "b", "c", "d"]) });
    const encoder = new FeatureEncoder(space);
    const points = [[1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25], [0.5, 0.3, 0.2, 0], [0.1, 0.1, 0.1, 0.7]];
    const encoded = points.map((p) => encoder.encode({ mix: { a: p[0], b: p[1], c: p[2], d: p[3] } }));
    for (const e of encoded) for (const v of e) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    const ratio = (i: number, j: number) => Math.hypot(...encoded[i].map((v, k) => v - encoded[j][k])) / aitchisonDistance(points[i], points[j], 1e-3);
    for (const [i, j] of [[0, 1], [0, 2], [1, 3], [2, 3]]) expect(ratio(i, j)).toBeCloseTo(ratio(0, 3), 12);
  });

  it("names the file, row and column of a bad mixture or group", () => {
    expect(() => loadTabularTask(folder(["0.5,-0.1,0.1,0.6,1.0", ...ROWS]))).toThrow(TaskDataError);
    expect(() => loadTabularTask(folder(["0.5,-0.1,0.1,0.6,1.0", ...ROWS]))).toThrow(/data\.csv.*row 1.*cfg-code.*expected a weight >= 0 for simplex mix, received -0\.1/);
    expect(() => loadTabularTask(folder(ROWS, "simplex: {mix: [web, video]}\n"))).toThrow(/simplex\.mix.*unknown config column cfg-video/);
  });
});
