import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dataDir, getTask, LADDER_STEPS } from "../../../src/bench/builtin/index.js";
import { getSuite } from "../../../src/bench/suites.js";
import { loadTabularTask, parseCsv, type TabularTask } from "../../../src/bench/tabular/index.js";
import { TaskDataError } from "../../../src/bench/task/index.js";
import { ValidationError } from "../../../src/errors/index.js";
import { useTmpDir } from "../../helpers/cli.js";

const tmp = useTmpDir();

const csvAt = (path: string) => parseCsv(readFileSync(join(dataDir(), path), "utf8"), path);
const rowsAt = (task: TabularTask, level: number) => task.table.rows.filter((row) => row.level === level);
const SHARED = join(process.cwd(), "..", "shared", "data");

describe("gemstone", () => {
  const task = getTask("gemstone") as TabularTask;
  const csv = csvAt("gemstone/checkpoints.csv");
  const col = (name: string) => csv.header.indexOf(name);

  it("has the 22 full-rate shapes on 175 checkpoints of one run each", () => {
    expect(task.space.params.shape).toMatchObject({ type: "categorical" });
    expect(task.space.cardinality).toBe(22);
    expect(task.fidelities).toHaveLength(175);
    expect(task.fidelities?.[0]).toEqual({ checkpoint: 1 });
    expect(task.fidelityCost).toBe("continue");
    expect(task.objectives[0]).toEqual({ name: "loss", direction: "minimize" });
    expect(task.costNames).toEqual(["node_seconds", "tokens"]);
    expect(task.license).toBe("MIT");
    expect(task.synthetic).toBe(false);
  });

  it("answers a checkpoint with its recorded loss, cost step x seconds_per_step x num_nodes", () => {
    const record = csv.records.find((r) => r[col("variant")] === "full" && r[col("width")] === "1536" && r[col("depth")] === "50" && r[col("step")] === String(477 * 10))!;
    const result = task.evaluate({ shape: "1536x50" }, { checkpoint: 10 }, 0);
    expect(result.values[0]).toBe(Number(record[col("loss")]));
    expect(result.cost.node_seconds).toBeCloseTo(4770 * Number(record[col("seconds_per_step")]) * Number(record[col("num_nodes")]), 6);
    expect(result.cost.tokens).toBe(Number(record[col("tokens")]));
    expect(result.elapsedSeconds).toBeCloseTo(4770 * Number(record[col("seconds_per_step")]), 6);
    // The top level is the best shape's last checkpoint; costs grow along the run.
    expect(task.evaluate({ shape: "1536x50" }, null, 0).values[0]).toBe(task.optimum);
    expect(task.evaluate({ shape: "1536x50" }, null, 0).cost.node_seconds).toBeGreaterThan(result.cost.node_seconds);
  });
});

describe("gemstone/lr", () => {
  const task = getTask("gemstone/lr") as TabularTask;

  it("has the 20 shapes run at both learning rates, on 50 checkpoints", () => {
    expect(task.space.cardinality).toBe(40);
    expect(task.space.params.lr).toEqual({ type: "categorical", choices: ["full", "half"] });
    expect(task.fidelities).toHaveLength(50);
    expect(rowsAt(task, 49)).toHaveLength(40);
    expect(() => task.evaluate({ shape: "512x11", lr: "full" }, null, 0)).toThrow(ValidationError);
  });

  it("ends the half-rate runs at their last recorded checkpoint (step 23840)", () => {
    const half = task.evaluate({ shape: "1024x28", lr: "half" }, { checkpoint: 50 }, 0);
    const full = task.evaluate({ shape: "1024x28", lr: "full" }, { checkpoint: 50 }, 0);
    expect(half.cost.tokens).toBe(99992207360);
    expect(full.cost.tokens).toBe(477 * 50 * 4194304);
    expect(half.values[0]).not.toBe(full.values[0]);
  });
});

describe("opda/deberta and opda/deberta-v3", () => {
  const task = getTask("opda/deberta") as TabularTask;
  const configs = csvAt("opda-deberta/deberta-base-configs.csv");
  const curves = csvAt("opda-deberta/deberta-base-curves.csv");

  it("have the search's space, 1,024 runs and a ladder of training steps 1000..99000", () => {
    expect(task.space.names).toEqual(["num_train_epochs", "train_batch_size", "learning_rate", "warmup_proportion", "cls_drop_out"]);
    expect(task.fidelities).toHaveLength(99);
    expect(task.fidelities?.at(-1)).toEqual({ step: 99000 });
    expect(rowsAt(task, 0)).toHaveLength(1024);
    expect(task.fidelityCost).toBe("continue");
    expect(task.license).toBe("CC-BY-SA-4.0");
    expect((getTask("opda/deberta-v3") as TabularTask).optimum).toBeGreaterThan(task.optimum);
  });

  it("answers a step with the last checkpoint at or before it, and a step past the end with the final one", () => {
    // Iteration 1: 1 epoch, batch 56, 7012 steps.
    const first = configs.records[0];
    expect(first.slice(0, 3)).toEqual(["1", "1", "56"]);
    const id = task.lookup(task.table.rows[0].config, { step: 5000 }, 0);
    const config = task.table.rows[id].config;
    const points = curves.records.filter((r) => r[0] === "1").map((r) => [Number(r[1]), Number(r[2])]);
    expect(task.evaluate(config, { step: 5000 }, 0)).toEqual({ values: [points.find((p) => p[0] === 5000)![1]], cost: { examples: 5000 * 56, steps: 5000 } });
    const end = points.at(-1)!;
    expect(end[0]).toBe(7012);
    expect(task.evaluate(config, { step: 8000 }, 0)).toEqual({ values: [end[1]], cost: { examples: 7012 * 56, steps: 7012 } });
    expect(task.evaluate(config, null, 0)).toEqual(task.evaluate(config, { step: 8000 }, 0));
    expect(config.warmup_proportion).toBeCloseTo(105 / 7012, 12);
  });

  it("answers a configuration by the same nearest run at every level", () => {
    const config = { num_train_epochs: 3, train_batch_size: 32, learning_rate: 2e-5, warmup_proportion: 0.1, cls_drop_out: 0.1 };
    const runs = new Set([0, 10, 50, 98].map((level) => JSON.stringify(task.table.rows[task.lookup(config, task.fidelities![level], 0)].config)));
    expect(runs.size).toBe(1);
  });
});

describe("synthetic/checkpoint-ladder", () => {
  const task = getTask("synthetic/checkpoint-ladder") as TabularTask;

  it("is synthetic: 16 configurations on 36 checkpoints, geometric then linear", () => {
    expect(task.synthetic).toBe(true);
    expect(task.description).toMatch(/^SYNTHETIC/);
    expect(task.space.cardinality).toBe(16);
    expect(task.fidelities?.map((f) => f.step)).toEqual([...LADDER_STEPS]);
    expect(LADDER_STEPS.slice(0, 9)).toEqual([0, 25, 50, 100, 200, 400, 800, 1600, 3200]);
    expect(LADDER_STEPS.at(-1)).toBe(30000);
  });

  it("has a free lowest level where every configuration ties, and near-chance levels above it", () => {
    const untrained = rowsAt(task, 0);
    expect(new Set(untrained.map((row) => row.values[0])).size).toBe(1);
    expect(untrained.every((row) => row.cost.gpu_hours === 0 && row.cost.steps === 0)).toBe(true);
    for (let level = 1; level <= 4; level++) {
      for (const row of rowsAt(task, level)) expect(Math.abs((row.values[0] as number) - Math.log(32768))).toBeLessThan(0.01);
    }
    const top = rowsAt(task, 35).map((row) => row.values[0] as number);
    expect(Math.max(...top) - Math.min(...top)).toBeGreaterThan(1);
  });
});

describe("the multifidelity suite", () => {
  it("holds the learning-curve tasks, one of each shape dev and one test", () => {
    const tasks = getSuite("multifidelity").tasks;
    for (const task of ["synthetic/checkpoint-ladder", "gemstone/lr", "opda/deberta"]) expect(tasks).toContainEqual({ task, split: "dev" });
    for (const task of ["gemstone", "opda/deberta-v3", "regmix/60m"]) expect(tasks).toContainEqual({ task, split: "test" });
  });
});

describe("fidelity_cost in task.yaml", () => {
  const folder = (yaml: string, csv: string) => {
    const dir = tmp();
    writeFileSync(join(dir, "task.yaml"), `id: t\ndescription: d\nsource: {repo: r, commit: c, path: p, license: MIT}\nobjective: y\n${yaml}`);
    writeFileSync(join(dir, "runs.csv"), csv);
    return dir;
  };

  it("declares that the levels lie on one run", () => {
    const dir = folder("fidelity_cost: continue\n", "cfg-x,fid-step,obj-y-,cost-steps\n1,10,5,10\n1,20,4,20\n2,10,6,10\n2,20,3,20\n");
    expect(loadTabularTask(dir).fidelityCost).toBe("continue");
    expect(loadTabularTask(folder("", "cfg-x,fid-step,obj-y-\n1,10,5\n")).fidelityCost).toBe("independent");
  });

  it("refuses a cost that falls along a run, naming the row", () => {
    const dir = folder("fidelity_cost: continue\n", "cfg-x,fid-step,obj-y-,cost-steps\n1,10,5,10\n1,20,4,5\n");
    expect(() => loadTabularTask(dir)).toThrow(TaskDataError);
    expect(() => loadTabularTask(dir)).toThrow(/runs\.csv, row 2.*column "cost-steps": fidelity_cost is continue.*falls from 10 at level 0 to 5 at level 1/);
  });

  it("refuses an unknown value, naming the field", () => {
    const dir = folder("fidelity_cost: resume\n", "cfg-x,obj-y-\n1,5\n");
    expect(() => loadTabularTask(dir)).toThrow(/task\.yaml: fidelity_cost: /);
  });
});

describe.skipIf(!existsSync(join(SHARED, "gemstone")) || !existsSync(join(SHARED, "opda-deberta")))("the shipped tables", () => {
  it("are what the derivation scripts make from ../shared/data", () => {
    const gemstone = execFileSync("npx", ["tsx", "bench/tasks/derive-gemstone.ts", join(SHARED, "gemstone")], { encoding: "utf8" });
    expect(gemstone).toBe(readFileSync(join(dataDir(), "gemstone/checkpoints.csv"), "utf8"));
    const out = tmp();
    execFileSync("npx", ["tsx", "bench/tasks/derive-opda-deberta.ts", join(SHARED, "opda-deberta"), out]);
    for (const name of ["deberta-base-configs.csv", "deberta-base-curves.csv", "deberta-v3-base-configs.csv", "deberta-v3-base-curves.csv"]) {
      expect(readFileSync(join(out, name), "utf8")).toBe(readFileSync(join(dataDir(), "opda-deberta", name), "utf8"));
    }
  }, 60_000);
});
