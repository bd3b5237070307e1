import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dataDir, getTask, loadRegmix60mTask, REGMIX_DOMAINS, taskIds } from "../../../src/bench/builtin/index.js";
import { getSuite } from "../../../src/bench/suites.js";
import { parseCsv, parseSha256Sums, type TabularTask } from "../../../src/bench/tabular/index.js";
import { rngFor } from "../../../src/math/rng.js";
import type { Config } from "../../../src/space/index.js";

const data = dataDir();
const sums = parseSha256Sums(readFileSync(join(data, "SHA256SUMS"), "utf8"), "SHA256SUMS");
const csvAt = (path: string) => parseCsv(readFileSync(join(data, path), "utf8"), path);
const task = getTask("regmix/60m") as TabularTask;
const LOSS_FILES = ["regmix/data/test_pile_loss_1m.csv", "regmix/data/test_pile_loss_60m.csv"];
const lossCsvs = LOSS_FILES.map(csvAt);

/** The mixture `index` of a row, read from the loss file its origin names. */
function mixtureOf(rowId: number): number {
  const row = task.table.rows[rowId];
  const csv = lossCsvs[row.level];
  expect(row.origin?.file).toContain(csv.file);
  return Number(csv.records[(row.origin?.row as number) - 1][0]);
}

/** The mixture of `record` in a mixture CSV as a config: the simplex `mix`, recorded weights scaled to sum 1. */
function configOf(header: string[], record: string[]): Config {
  const weights = header.slice(1).map((_, i) => Number(record[i + 1]));
  const total = weights.reduce((a, b) => a + b, 0);
  return { mix: Object.fromEntries(header.slice(1).map((h, i) => [h.replace("train_the_pile_", ""), weights[i] / total])) };
}

describe("regmix/60m", () => {
  it("has fidelities 1M < 60M with 256 runs each, and a simplex of the 17 domain weights", () => {
    expect(task.fidelities).toEqual([{ model: "1M" }, { model: "60M" }]);
    expect([0, 1].map((level) => task.table.rows.filter((row) => row.level === level).length)).toEqual([256, 256]);
    expect(task.space.toJSON()).toEqual({ mix: { type: "simplex", components: [...REGMIX_DOMAINS] } });
    // The space before the simplex type stays available as the baseline: 17 log-scaled weights.
    const independent = loadRegmix60mTask({ weights: "independent" });
    expect(independent.space.names).toEqual([...REGMIX_DOMAINS]);
    expect(independent.space.params.pile_cc).toEqual({ type: "float", low: 0.001, high: 1, log: true });
    expect(task.source.repo).toBe("sail-sg/regmix");
    expect(task.license).toBe("MIT");
  });

  it("takes its optimum and worst from the 60M Pile-CC losses", () => {
    const csv = lossCsvs[1];
    const losses = csv.records.map((record) => Number(record[csv.header.indexOf("metric/the_pile_pile_cc_val_loss")]));
    expect(task.optimum).toBe(Math.min(...losses));
    expect(task.worst).toBe(Math.max(...losses));
  });

  it("reports the checksums of the four files it reads, as in data/SHA256SUMS", () => {
    const files = ["regmix/data/test_mixture_1m.csv", "regmix/data/test_mixture_60m.csv", ...LOSS_FILES];
    expect(Object.keys(task.sha256 ?? {}).sort()).toEqual(files.sort());
    for (const file of files) expect(task.sha256?.[file], file).toBe(sums[file]);
  });

  it("records every configuration at both fidelities, and every one belongs to the space", () => {
    const configsAt = (level: number) => task.table.rows.filter((row) => row.level === level).map((row) => JSON.stringify(row.config));
    const [low, top] = [configsAt(0), configsAt(1)];
    expect(new Set(low).size).toBe(256);
    expect(new Set(top)).toEqual(new Set(low));
    for (const row of task.table.rows) expect(task.space.check(row.config)).toEqual([]);
  });

  it("answers a recorded mixture with its own losses and cost at each level", () => {
    const mixtures = csvAt("regmix/data/test_mixture_1m.csv");
    for (const r of [0, 10, 200]) {
      const config = configOf(mixtures.header, mixtures.records[r]);
      [1e6, 6e7].forEach((params, level) => {
        const csv = lossCsvs[level];
        const record = csv.records.find((cells) => cells[0] === mixtures.records[r][0]) as string[];
        const evaluation = task.evaluate(config, task.fidelities?.[level] ?? null, 0);
        expect(evaluation.values[0]).toBe(Number(record[csv.header.indexOf("metric/the_pile_pile_cc_val_loss")]));
        expect(evaluation.cost).toEqual({ model_params: params });
      });
      // The recorded mixture matches exactly; one nudged off it lands on it by Aitchison distance.
      expect(task.indexes[1].exact(config)).toBeDefined();
      const mix = config.mix as Record<string, number>;
      const nudged = { mix: Object.fromEntries(Object.entries(mix).map(([k, v]) => [k, (v + 0.0005) / (1 + 0.0005 * 17)])) };
      expect(task.indexes[1].exact(nudged)).toBeUndefined();
      expect(task.evaluate(nudged, { model: "60M" }, 0).values).toEqual(task.evaluate(config, { model: "60M" }, 0).values);
    }
  });

  it("looks a configuration up at the same mixture index at 1M and at 60M", () => {
    for (const row of task.table.rows.filter((r) => r.level === 0)) {
      expect(mixtureOf(task.lookup(row.config, { model: "60M" }, 0))).toBe(mixtureOf(task.lookup(row.config, { model: "1M" }, 0)));
    }
    // Proposals that match no mixture exactly go to their nearest one, the same at both levels.
    const rng = rngFor(7, "regmix-60m-test");
    const reached = new Set<number>();
    for (let k = 0; k < 300; k++) {
      const config = task.space.sample(rng);
      const low = task.lookup(config, { model: "1M" }, 0);
      const top = task.lookup(config, { model: "60M" }, 0);
      expect([task.table.rows[low].level, task.table.rows[top].level]).toEqual([0, 1]);
      expect(mixtureOf(top)).toBe(mixtureOf(low));
      expect(task.table.rows[top].config).toEqual(task.table.rows[low].config);
      reached.add(mixtureOf(top));
    }
    // Dirichlet(1) draws looked up by Aitchison distance spread over the mixtures (linear weights reached a few dozen near the even mixture).
    expect(reached.size).toBeGreaterThan(80);
  });

  it("is a built-in task and a test task of the multifidelity suite", () => {
    expect(taskIds()).toEqual(expect.arrayContaining(["regmix/60m", "surrogate/regmix/60m"]));
    expect(getSuite("multifidelity").tasks).toContainEqual({ task: "regmix/60m", split: "test" });
  });
});
