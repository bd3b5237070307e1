import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getTask } from "../../../src/bench/builtin/index.js";
import { FeatureEncoder, RowIndex, type TabularTask } from "../../../src/bench/tabular/index.js";
import { rngFor, type Rng } from "../../../src/math/rng.js";
import { Space, categorical, float, int, ordinal, type Config, type Param } from "../../../src/space/index.js";

const space = Space.parse({ x: float(0, 10), n: int(1, 1000, { log: true }), kind: categorical(["a", "b", "c"]) });

/** Column kinds for random tables: continuous, log, coarse grids (many equal distances), choices. */
const COLUMN_KINDS: (() => Param)[] = [
  () => float(0, 10),
  () => float(1e-4, 1, { log: true }),
  () => int(1, 3),
  () => int(1, 4096, { log: true }),
  () => int(0, 200),
  () => float(0, 1, { step: 0.25 }),
  () => categorical(["a", "b", "c", "d"]),
  () => categorical([true, false]),
  () => ordinal([1, 2, 4, 8]),
];

/**
 * The reference answer: every row's squared distance summed in the order the index
 * documents (blocks of four coordinates, then the rest one by one), the smallest one,
 * the earliest row on ties.
 */
function bruteForceNearest(encoder: FeatureEncoder, rows: readonly Config[], query: Config): number {
  return bruteForceNearestPoint(rows.map((row) => encoder.encode(row)), encoder.encode(query));
}

/** The reference answer for points. */
function bruteForceNearestPoint(points: readonly Float64Array[], q: Float64Array): number {
  const width = q.length;
  let best = Infinity;
  let bestRow = 0;
  points.forEach((p, i) => {
    let d = 0;
    let j = 0;
    for (; j + 4 <= width; j += 4) {
      const t = [0, 1, 2, 3].map((k) => p[j + k] - q[j + k]);
      d += t[0] * t[0] + t[1] * t[1] + t[2] * t[2] + t[3] * t[3];
    }
    for (; j < width; j++) d += (p[j] - q[j]) ** 2;
    if (d < best) {
      best = d;
      bestRow = i;
    }
  });
  return bestRow;
}

/** Queries of every kind: far (uniform), near a row (a few values resampled), on a row, and repeats. */
function queriesFor(table: Space, rows: readonly Config[], rng: Rng): Config[] {
  const queries: Config[] = [];
  for (let k = 0; k < 12; k++) queries.push(table.sample(rng));
  for (let k = 0; k < 12; k++) {
    const near = { ...rows[rng.int(rows.length)] };
    const other = table.sample(rng);
    for (let changes = 1 + rng.int(2); changes > 0; changes--) {
      const name = table.names[rng.int(table.names.length)];
      near[name] = other[name];
    }
    queries.push(near);
  }
  for (let k = 0; k < 4; k++) queries.push(rows[rng.int(rows.length)]);
  return queries;
}

/** A space of `width` floats on [0, 1]: a config's point is its values (below 1), so tests can place rows exactly. */
function unitSpace(width: number): Space {
  return Space.parse(Object.fromEntries(Array.from({ length: width }, (_, j) => [`u${j}`, float(0, 1)])));
}

function unitConfig(values: readonly number[]): Config {
  return Object.fromEntries(values.map((v, j) => [`u${j}`, v]));
}

describe.each([
  { search: "coarse-then-exact", webAssembly: true },
  { search: "exact-scan", webAssembly: false },
] as const)("RowIndex, $search", ({ search, webAssembly }) => {
  const build = (table: Space, rows: readonly Config[], ids: readonly number[]) => {
    const index = new RowIndex(table, rows, ids, { webAssembly });
    expect(index.search).toBe(search);
    return index;
  };

  it("finds exactly the brute-force nearest row, earliest on ties, on random tables of every column kind", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: COLUMN_KINDS.length - 1 }), { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (seed, kinds, size, repeatShare) => {
          const rng = rngFor(seed, "row-index-table");
          const table = Space.parse(Object.fromEntries(kinds.map((kind, i) => [`p${i}`, COLUMN_KINDS[kind]()])));
          // Repeated rows give exact ties between different row ids.
          const rows: Config[] = [];
          for (let i = 0; i < size; i++) rows.push(i > 0 && rng.random() < repeatShare ? rows[rng.int(i)] : table.sample(rng));
          const index = build(table, rows, rows.map((_, i) => i));
          const encoder = new FeatureEncoder(table);
          for (const query of queriesFor(table, rows, rng)) {
            expect(index.nearest(query)).toBe(bruteForceNearest(encoder, rows, query));
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it("stays exact when rows are nearer to each other than the coarse pass can tell apart", () => {
    // Rows a tiny step from a base point (far below the 16-bit grid), mirrored pairs at exactly
    // equal distances, and repeats; queries at and around the base point.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(1e-3, 1e-5, 1e-8, 1e-12, 2 ** -40),
        (seed, width, size, step) => {
          const rng = rngFor(seed, "near-rows");
          const base = Array.from({ length: width }, () => 0.1 + 0.8 * rng.random());
          const nudge = (point: readonly number[]) => point.map((v) => v + step * rng.int(5) - 2 * step);
          const points: number[][] = [];
          for (let i = 0; i < size; i++) {
            const kind = rng.int(4);
            if (kind === 0 && i > 0) points.push(points[rng.int(i)]);
            else if (kind === 1 && i > 0) points.push(points[rng.int(i)].map((v, j) => 2 * base[j] - v));
            else points.push(nudge(base));
          }
          const table = unitSpace(width);
          const rows = points.map(unitConfig);
          const index = build(table, rows, rows.map((_, i) => i));
          const encoded = rows.map((row) => index.encoder.encode(row));
          for (const query of [base, nudge(base), nudge(base), points[rng.int(size)]]) {
            const q = index.encoder.encode(unitConfig(query));
            expect(index.nearestIndex(q)).toBe(bruteForceNearestPoint(encoded, q));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("compares every row exactly for a point outside [-1, 1] or with NaN", () => {
    const rng = rngFor(7, "outside");
    const table = unitSpace(5);
    const rows = Array.from({ length: 100 }, () => table.sample(rng));
    const index = build(table, rows, rows.map((_, i) => i));
    const encoded = rows.map((row) => index.encoder.encode(row));
    for (const q of [
      Float64Array.of(3, 0.5, 0.5, 0.5, 0.5),
      Float64Array.of(-2, -2, 0, 1, 1),
      Float64Array.of(0.5, 0.5, 0.5, 0.5, 1 + 1e-9),
      Float64Array.of(0.5, NaN, 0.5, 0.5, 0.5),
    ]) {
      expect(index.nearestIndex(q)).toBe(bruteForceNearestPoint(encoded, q));
    }
  });

  it("answers through row ids when it indexes a subset of the rows", () => {
    const rng = rngFor(3, "subset");
    const configs = Array.from({ length: 300 }, () => space.sample(rng));
    const ids = configs.map((_, i) => i).filter((i) => i % 3 !== 1);
    const index = build(space, configs, ids);
    const encoder = new FeatureEncoder(space);
    for (let k = 0; k < 50; k++) {
      const query = space.sample(rng);
      const expected = ids[bruteForceNearest(encoder, ids.map((i) => configs[i]), query)];
      expect(index.nearest(query)).toBe(expected);
    }
  });

  it("gives the earliest of several rows at exactly the same distance", () => {
    const grid = Space.parse({ a: int(1, 3), b: int(1, 3) });
    // Rows 1 and 3 are both one grid step from the query; row 1 comes first.
    const rows = [{ a: 3, b: 3 }, { a: 1, b: 2 }, { a: 3, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 2 }];
    const index = build(grid, rows, [0, 1, 2, 3, 4]);
    expect(index.nearest({ a: 1, b: 1 })).toBe(1);
    // "Earliest" is the order of the ids the index was given.
    expect(build(grid, rows, [4, 3, 2]).nearest({ a: 1, b: 1 })).toBe(4);
  });

  it("agrees with the brute force on a recorded table (llmsys/naiverag), for far and near queries", () => {
    const task = getTask("llmsys/naiverag") as TabularTask;
    const configs = task.table.rows.map((row) => row.config);
    const index = build(task.space, configs, configs.map((_, i) => i));
    const encoded = configs.map((config) => index.encoder.encode(config));
    const rng = rngFor(5, "naiverag");
    for (let k = 0; k < 300; k++) {
      const point = k % 2 === 0 ? task.space.encode(task.space.sample(rng)) : task.space.encode(configs[rng.int(configs.length)]).map((u) => u + (rng.random() - 0.5) * 0.02);
      const q = index.encoder.encode(task.space.decode(point));
      expect(index.nearestIndex(q)).toBe(bruteForceNearestPoint(encoded, q));
    }
  });

  it("answers index 0 when it holds no row", () => {
    expect(build(space, [], []).nearestIndex(new FeatureEncoder(space).encode(space.sample(rngFor(1, "empty"))))).toBe(0);
  });
});

describe("RowIndex", () => {
  it("puts two different categorical choices at distance 1, whatever their order", () => {
    const encoder = new FeatureEncoder(space);
    const distance = (a: string, b: string) => {
      const p = encoder.encode({ x: 1, n: 10, kind: a });
      const q = encoder.encode({ x: 1, n: 10, kind: b });
      return Math.sqrt(p.reduce((sum, v, j) => sum + (v - q[j]) ** 2, 0));
    };
    expect(distance("a", "b")).toBeCloseTo(1, 12);
    expect(distance("a", "c")).toBeCloseTo(1, 12);
    expect(distance("a", "a")).toBe(0);
  });

  it("groups exact repeats of a configuration", () => {
    const configs = [
      { x: 1, n: 2, kind: "a" },
      { x: 1, n: 2, kind: "a" },
      { x: 2, n: 2, kind: "a" },
    ];
    const index = new RowIndex(space, configs, [0, 1, 2]);
    expect(index.exact({ kind: "a", n: 2, x: 1 })).toEqual([0, 1]);
    expect(index.exact({ x: 1.5, n: 2, kind: "a" })).toBeUndefined();
    expect(new RowIndex(space, configs, [1, 2]).exact({ x: 1, n: 2, kind: "a" })).toEqual([1]);
  });

  it("matches exactly by value: -0 equals 0, a string never equals a number, an unseen string matches nothing", () => {
    const mixed = Space.parse({ v: categorical([0, "0", "x", null, true]), w: float(-1, 1) });
    const configs: Config[] = [
      { v: 0, w: 0 },
      { v: "0", w: 0 },
      { v: null, w: -0 },
      { v: true, w: 0.5 },
      { v: "x", w: 0.5 },
    ];
    const index = new RowIndex(mixed, configs, [0, 1, 2, 3, 4]);
    expect(index.exact({ v: -0, w: -0 })).toEqual([0]);
    expect(index.exact({ v: "0", w: 0 })).toEqual([1]);
    expect(index.exact({ v: null, w: 0 })).toEqual([2]);
    expect(index.exact({ v: true, w: 0.5 })).toEqual([3]);
    expect(index.exact({ v: "y", w: 0.5 })).toBeUndefined();
    expect(index.exact({ v: 1, w: 0.5 })).toBeUndefined();
    expect(index.exact({ v: "x" } as Config)).toBeUndefined();
  });

  it("finds the same exact groups as comparing every row value by value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (seed) => {
        const rng = rngFor(seed, "exact");
        const coarse = Space.parse({ a: int(1, 3), b: categorical(["x", "y"]), c: float(0, 1, { step: 0.5 }) });
        const rows = Array.from({ length: 40 }, () => coarse.sample(rng));
        const index = new RowIndex(coarse, rows, rows.map((_, i) => i));
        for (let k = 0; k < 20; k++) {
          const query = coarse.sample(rng);
          const expected = rows.flatMap((row, i) => (coarse.names.every((name) => row[name] === query[name]) ? [i] : []));
          expect(index.exact(query) ?? []).toEqual(expected);
          // Keys in another order, or an unknown one, change nothing; a missing one matches no row.
          expect(index.exact(Object.fromEntries(rng.shuffle(Object.entries(query)))) ?? []).toEqual(expected);
          expect(index.exact({ ...query, extra: 1 }) ?? []).toEqual(expected);
          const { a: _a, ...missing } = query;
          expect(index.exact(missing)).toBeUndefined();
        }
      }),
      { numRuns: 50 },
    );
  });
});
