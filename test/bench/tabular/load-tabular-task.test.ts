import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadTabularTask, sha256Hex } from "../../../src/bench/tabular/index.js";
import { ChecksumMismatchError, TaskDataError } from "../../../src/bench/task/index.js";
import { ValidationError } from "../../../src/errors/index.js";
import { useTmpDir } from "../../helpers/cli.js";

const tmp = useTmpDir();

const fixtures = fileURLToPath(new URL("../../fixtures/tasks/", import.meta.url));
const fixture = (name: string) => join(fixtures, name);

describe("loadTabularTask on our folder format", () => {
  const task = loadTabularTask(fixture("good"));

  it("reads identity, objectives (primary first), costs and fidelities", () => {
    expect(task.id).toBe("fixture/rag");
    expect(task.source.license).toBe("CC0-1.0");
    expect(task.license).toBe("CC0-1.0");
    expect(task.objectives).toEqual([
      { name: "recall", direction: "maximize" },
      { name: "latency", direction: "minimize" },
    ]);
    expect(task.costNames).toEqual(["usd", "seconds"]);
    expect(task.rows).toBe(12);
    expect(task.fidelitySpace?.toJSON()).toEqual({ epochs: { type: "ordinal", values: [1, 3] } });
    expect(task.fidelities).toEqual([{ epochs: 1 }, { epochs: 3 }]);
    expect(task.sha256).toEqual({ "data.csv": sha256Hex(readFileSync(join(fixture("good"), "data.csv"))) });
  });

  it("infers the space, with a quoted categorical choice", () => {
    expect(task.space.toJSON()).toEqual({
      chunk: { type: "ordinal", values: [128, 256, 512, 1024] },
      retriever: { type: "categorical", choices: ["bm25", "dense", "hybrid, reranked"] },
      rerank: { type: "categorical", choices: [false, true] },
    });
    for (const row of task.table.rows) expect(task.space.check(row.config)).toEqual([]);
  });

  it("takes optimum and worst from the primary objective at the highest fidelity", () => {
    expect(task.optimum).toBe(0.81);
    expect(task.worst).toBe(0.52);
  });

  it("returns a recorded row's values exactly, at the fidelity asked (null: highest)", () => {
    const config = { chunk: 1024, retriever: "hybrid, reranked", rerank: true };
    expect(task.evaluate(config, { epochs: 1 }, 0)).toEqual({ values: [0.7, 190], cost: { usd: 0.03, seconds: 4 }, elapsedSeconds: 4 });
    expect(task.evaluate(config, null, 0)).toEqual({ values: [0.81, 195], cost: { usd: 0.09, seconds: 12 }, elapsedSeconds: 12 });
    // A fidelity between levels maps to the nearest level.
    expect(task.evaluate(config, { epochs: 3 }, 0).values).toEqual([0.81, 195]);
  });

  it("answers a config not in the table with its nearest row", () => {
    // (512, bm25, false) is absent at epochs 3. Chunk is ordinal (512 and 128 are 2 of 4 ranks apart:
    // squared distance 0.25); a different retriever is at squared distance 1 whatever the choice.
    const config = { chunk: 512, retriever: "bm25", rerank: false };
    const nearest = task.table.rows[task.lookup(config, null, 0)];
    expect(nearest.level).toBe(1);
    expect(nearest.config).toEqual({ chunk: 128, retriever: "bm25", rerank: false });
    expect(task.evaluate(config, null, 0).values).toEqual([0.58, 121]);
    // (1024, dense, false): one chunk rank away from (512, dense, false), squared distance 0.0625, while
    // (1024, hybrid, true) differs in two unordered choices (squared distance 2).
    expect(task.table.rows[task.lookup({ chunk: 1024, retriever: "dense", rerank: false }, null, 0)].config).toEqual({ chunk: 512, retriever: "dense", rerank: false });
  });

  it("marks a row with an empty objective cell failed, with the worst values of its level, and leaves out empty costs", () => {
    const evaluation = task.evaluate({ chunk: 128, retriever: "dense", rerank: true }, { epochs: 1 }, 0);
    expect(evaluation).toEqual({ values: [0.5, 400], cost: { usd: 0.015 }, failed: true });
  });

  it("picks among repeated runs of one config by seed, deterministically", () => {
    const config = { chunk: 256, retriever: "hybrid, reranked", rerank: false };
    const seen = new Set<number>();
    for (let seed = 0; seed < 40; seed++) {
      const a = task.evaluate(config, { epochs: 1 }, seed).values[0];
      expect(task.evaluate(config, { epochs: 1 }, seed).values[0]).toBe(a);
      seen.add(a);
    }
    expect([...seen].sort()).toEqual([0.64, 0.66]);
  });

  it("rejects a config outside the space", () => {
    expect(() => task.evaluate({ chunk: 100, retriever: "bm25", rerank: false }, null, 0)).toThrow(ValidationError);
    expect(() => task.evaluate({ chunk: 128, retriever: "bm25", rerank: false, extra: 1 }, null, 0)).toThrow(/unknown parameter "extra"/);
  });
});

describe("loadTabularTask on LLMSYS-HPOBench originals", () => {
  it("reads one folder per fidelity, cfg-ai columns, and ignores ID/hw-file/log-file", () => {
    const task = loadTabularTask(fixture("originals"));
    expect(task.id).toBe("originals");
    expect(task.space.names).toEqual(["k", "ai-temperature"]);
    expect(task.fidelities).toEqual([{ fidelity: "1-small" }, { fidelity: "2-large" }]);
    expect(task.objectives).toEqual([{ name: "score", direction: "maximize" }]);
    expect(task.evaluate({ k: 2, "ai-temperature": 0.5 }, { fidelity: "1-small" }, 0).values).toEqual([0.4]);
    expect(task.evaluate({ k: 2, "ai-temperature": 0.5 }, null, 0)).toEqual({ values: [0.7], cost: { time: 110 } });
    expect(task.optimum).toBe(0.7);
  });

  it("has no fidelity space when there is one fidelity folder", () => {
    const dir = tmp();
    mkdirSync(join(dir, "1-small"));
    copyFileSync(join(fixture("originals"), "1-small", "1-small.csv"), join(dir, "1-small", "1-small.csv"));
    const task = loadTabularTask(dir);
    expect(task.fidelitySpace).toBeNull();
    expect(task.fidelities).toBeUndefined();
    expect(task.description).toContain("(fidelity 1-small)");
  });
});

describe("loadTabularTask errors name the file, row and column", () => {
  const caught = (name: string): TaskDataError | ChecksumMismatchError => {
    try {
      loadTabularTask(fixture(name));
    } catch (error) {
      return error as TaskDataError;
    }
    throw new Error(`loading ${name} did not throw`);
  };

  it("missing column (named objective)", () => {
    const error = caught("missing-column") as TaskDataError;
    expect(error).toBeInstanceOf(TaskDataError);
    expect(error.message).toBe('missing-column/data.csv, column "recall": missing column: no objective column named "recall" (objective columns: obj-y-)');
    expect(error.column).toBe("recall");
  });

  it("missing column (one CSV lacks a column of another)", () => {
    expect(caught("missing-file-column").message).toBe('missing-file-column/b.csv, column "cfg-z": missing column: missing-file-column/a.csv has it');
  });

  it("non-numeric cell in a numeric column", () => {
    const error = caught("non-numeric") as TaskDataError;
    expect(error.message).toBe(
      'non-numeric/data.csv, row 3 (line 4), column "obj-y-": non-numeric value "abc" in a numeric (objective) column: expected a number, True/False, or an empty cell',
    );
    expect([error.file, error.row, error.line, error.column]).toEqual(["non-numeric/data.csv", 3, 4, "obj-y-"]);
  });

  it("objective column without a direction", () => {
    expect(caught("no-direction").message).toMatch(/^no-direction\/data\.csv, column "obj-y": objective column "obj-y" has no direction: end its name with "\+" \(maximize\) or "-" \(minimize\)/);
  });

  it("checksum mismatch", () => {
    const error = caught("checksum-mismatch") as ChecksumMismatchError;
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error.code).toBe("checksum_mismatch");
    expect(error.file).toBe("checksum-mismatch/data.csv");
    expect(error.expected).toBe("0".repeat(64));
    expect(error.actual).toBe(sha256Hex(readFileSync(join(fixture("checksum-mismatch"), "data.csv"))));
    expect(error.message).toContain("checksum-mismatch/task.yaml records 0000");
  });

  it("empty CSV and header-only CSV", () => {
    expect(caught("empty-csv").message).toBe("empty-csv/data.csv: the CSV is empty: expected a header line and at least one data row");
    expect(caught("header-only").message).toBe("header-only/data.csv, line 1: the CSV has a header but no data rows");
  });

  it("a SHA256SUMS file in the folder is checked, and required checksums must exist", () => {
    const dir = tmp();
    copyFileSync(join(fixture("originals"), "..", "non-numeric", "task.yaml"), join(dir, "task.yaml"));
    writeFileSync(join(dir, "data.csv"), "cfg-x,obj-y-\n1,2\n2,3\n");
    expect(() => loadTabularTask(dir, { requireChecksums: true })).toThrow(/data\.csv: no SHA-256 recorded for this file/);
    writeFileSync(join(dir, "SHA256SUMS"), `${"a".repeat(64)}  ./data.csv\n`);
    expect(() => loadTabularTask(dir)).toThrow(ChecksumMismatchError);
    writeFileSync(join(dir, "SHA256SUMS"), `${sha256Hex(readFileSync(join(dir, "data.csv")))}  data.csv\n`);
    expect(loadTabularTask(dir, { requireChecksums: true }).rows).toBe(2);
  });

  it("a bad task.yaml is a ValidationError naming the file and field", () => {
    const dir = tmp();
    writeFileSync(join(dir, "task.yaml"), "id: x\ndescription: y\nobjective: z\n");
    writeFileSync(join(dir, "data.csv"), "cfg-x,obj-z-\n1,2\n");
    expect(() => loadTabularTask(dir)).toThrow(ValidationError);
    expect(() => loadTabularTask(dir)).toThrow(/task\.yaml: source: /);
  });

  it("a CSV folder without task.yaml is refused", () => {
    const dir = tmp();
    writeFileSync(join(dir, "data.csv"), "cfg-x,obj-z-\n1,2\n");
    expect(() => loadTabularTask(dir)).toThrow(/missing task\.yaml/);
  });
});
