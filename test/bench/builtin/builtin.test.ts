import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  BUILTIN_TASKS,
  dataDir,
  getTask,
  LLMSYS_SYSTEMS,
  listTasks,
  MMLU_PRICES_PER_MILLION_TOKENS,
  REGMIX_DOMAINS,
  taskIds,
} from "../../../src/bench/builtin/index.js";
import { syntheticFunctions } from "../../../src/bench/synthetic/index.js";
import { FeatureEncoder, isFailed, loadTabularTask, parseCsv, parseSha256Sums, sha256Hex, type TabularTask } from "../../../src/bench/tabular/index.js";
import { ChecksumMismatchError, UnknownTaskError } from "../../../src/bench/task/index.js";
import type { Config, Value } from "../../../src/space/index.js";
import { useTmpDir } from "../../helpers/cli.js";

const tmp = useTmpDir();

const data = dataDir();
const sums = parseSha256Sums(readFileSync(join(data, "SHA256SUMS"), "utf8"), "SHA256SUMS");
const csvAt = (path: string) => parseCsv(readFileSync(join(data, path), "utf8"), path);
const column = (csv: ReturnType<typeof csvAt>, header: string) => {
  const at = csv.header.indexOf(header);
  if (at < 0) throw new Error(`no column ${header}`);
  return csv.records.map((record) => record[at]);
};

describe("data/ checksums", () => {
  it("SHA256SUMS covers every shipped file and matches it", () => {
    for (const [path, hash] of Object.entries(sums)) expect(sha256Hex(readFileSync(join(data, path))), path).toBe(hash);
    expect(Object.keys(sums).length).toBe(24);
  });

  it("each tabular task reports the checksum of each of its files", () => {
    for (const id of [...LLMSYS_SYSTEMS.map((s) => s.id), "regmix", "routellm/mmlu-allocation"]) {
      const task = getTask(id);
      const files = Object.keys(task.sha256 ?? {});
      expect(files.length, id).toBeGreaterThan(0);
      for (const file of files) expect(task.sha256?.[file], `${id} ${file}`).toBe(sums[file]);
    }
  });

  it("a changed data file is refused", () => {
    const dir = tmp();
    cpSync(join(data, "llmsys-hpobench/example-data/Agent/autogpt"), dir, { recursive: true });
    const file = join(dir, "complex-req1-code_generation", "complex-req1-code_generation.csv");
    writeFileSync(file, readFileSync(file, "utf8").replace("0.016700679458152002", "0.9"));
    const checksums = { "complex-req1-code_generation/complex-req1-code_generation.csv": sums["llmsys-hpobench/example-data/Agent/autogpt/complex-req1-code_generation/complex-req1-code_generation.csv"] };
    expect(() => loadTabularTask(dir, { checksums, requireChecksums: true, checksumsSource: "data/SHA256SUMS" })).toThrow(ChecksumMismatchError);
  });
});

describe("LLMSYS-HPOBench tasks", () => {
  for (const system of LLMSYS_SYSTEMS) {
    describe(system.id, () => {
      const task = getTask(system.id) as TabularTask;
      const file = Object.keys(task.sha256 ?? {})[0];
      const csv = csvAt(file);

      it("has the documented objectives and primary cost, and its optimum and worst match the data", () => {
        expect(task.objectives.map((o) => o.name)).toEqual(system.objectives);
        expect(task.costNames[0]).toBe(system.cost);
        const headers = system.objectives.map((name) => csv.header.find((h) => h === `obj-${name}+` || h === `obj-${name}-`) as string);
        const cells = headers.map((h) => column(csv, h));
        const ok = csv.records.map((_, r) => cells.every((c) => c[r].trim() !== ""));
        const primary = cells[0].filter((_, r) => ok[r]).map((cell) => (/^true$/i.test(cell) ? 1 : /^false$/i.test(cell) ? 0 : Number(cell)));
        const maximize = headers[0].endsWith("+");
        expect(task.optimum).toBe(maximize ? Math.max(...primary) : Math.min(...primary));
        expect(task.worst).toBe(maximize ? Math.min(...primary) : Math.max(...primary));
      });

      it("has an inferred space that every row belongs to", () => {
        expect(task.space.size).toBeGreaterThan(5);
        for (const row of task.table.rows) expect(task.space.check(row.config)).toEqual([]);
      });

      it("returns a row's recorded values when evaluated at that row's config", () => {
        const index = task.indexes[0];
        let checked = 0;
        for (const row of task.table.rows) {
          const repeats = index.exact(row.config) as readonly number[];
          if (repeats.length !== 1) continue;
          const evaluation = task.evaluate(row.config, null, 0);
          if (isFailed(row)) expect(evaluation.failed).toBe(true);
          else expect(evaluation.values).toEqual(row.values);
          expect(evaluation.cost).toEqual(row.cost);
          if (++checked === 40) break;
        }
        expect(checked).toBeGreaterThan(10);
      });

      it("answers a perturbed config with its nearest row", () => {
        const row = task.table.rows.find((r) => !isFailed(r) && task.indexes[0].exact(r.config)?.length === 1) as (typeof task.table.rows)[number];
        const names = task.space.names;
        const floatAt = names.findIndex((name) => task.space.params[name].type === "float");
        let perturbed: Config;
        if (floatAt >= 0) {
          // A tiny move of a float: the row itself stays the nearest.
          const point = task.space.encode(row.config);
          perturbed = task.space.decode(point.map((u, i) => (i === floatAt ? u + (u > 0.5 ? -1e-6 : 1e-6) : u)));
        } else {
          // All-discrete space: move one parameter to another value that no row has with the rest of the config.
          perturbed = { ...row.config };
          for (const name of names) {
            const param = task.space.params[name] as { choices?: Value[]; values?: Value[] };
            const options = (param.choices ?? param.values) as Value[];
            const other = options.find((v) => v !== row.config[name] && !task.indexes[0].exact({ ...row.config, [name]: v }));
            if (other !== undefined) {
              perturbed[name] = other;
              break;
            }
          }
        }
        expect(task.indexes[0].exact(perturbed)).toBeUndefined();
        const encoder = new FeatureEncoder(task.space);
        const q = encoder.encode(perturbed);
        const distances = task.table.rows.map((r) => encoder.encode(r.config).reduce((sum, v, j) => sum + (v - q[j]) ** 2, 0));
        const nearest = distances.indexOf(Math.min(...distances));
        expect(task.lookup(perturbed, null, 0)).toBe(nearest);
        if (floatAt >= 0) expect(task.table.rows[nearest]).toBe(row);
        const evaluation = task.evaluate(perturbed, null, 0);
        if (!isFailed(task.table.rows[nearest])) expect(evaluation.values).toEqual(task.table.rows[nearest].values);
      });
    });
  }

  it("reads SGLang's failed runs as failures with the worst values", () => {
    const task = getTask("llmsys/sglang") as TabularTask;
    expect(task.table.rows.filter(isFailed).length).toBe(416);
    expect(task.table.droppedRows).toBe(4);
    const failed = task.table.rows.find((row) => isFailed(row) && task.indexes[0].exact(row.config)?.length === 1);
    const evaluation = task.evaluate(failed!.config, null, 0);
    expect(evaluation.failed).toBe(true);
    expect(evaluation.values[0]).toBe(task.worst);
  });
});

describe("regmix", () => {
  const task = getTask("regmix") as TabularTask;

  it("has three fidelities with 768, 256 and 64 runs", () => {
    expect(task.fidelities).toEqual([{ model: "1M" }, { model: "60M" }, { model: "1B" }]);
    expect([0, 1, 2].map((level) => task.table.rows.filter((row) => row.level === level).length)).toEqual([768, 256, 64]);
    expect(task.space.toJSON()).toEqual({ mix: { type: "simplex", components: [...REGMIX_DOMAINS] } });
  });

  it("takes its optimum from the 1B Pile-CC losses", () => {
    const losses = column(csvAt("regmix/data/test_pile_loss_1B.csv"), "metric/the_pile_pile_cc_val_loss").map(Number);
    expect(task.optimum).toBe(Math.min(...losses));
    expect(task.worst).toBe(Math.max(...losses));
  });

  it("returns a row's losses exactly, and the mean of the 13 domain losses", () => {
    const mixtures = csvAt("regmix/data/test_mixture_60m.csv");
    const losses = csvAt("regmix/data/test_pile_loss_60m.csv");
    const record = mixtures.records[10];
    const weights = mixtures.header.slice(1).map((_, i) => Number(record[i + 1]));
    const total = weights.reduce((a, b) => a + b, 0);
    const config = { mix: Object.fromEntries(mixtures.header.slice(1).map((h, i) => [h.replace("train_the_pile_", ""), weights[i] / total])) };
    const lossRecord = losses.records.find((r) => r[0] === record[0]) as string[];
    const domainLosses = lossRecord.slice(1).map(Number);
    const evaluation = task.evaluate(config, { model: "60M" }, 0);
    expect(evaluation.values[0]).toBe(Number(lossRecord[losses.header.indexOf("metric/the_pile_pile_cc_val_loss")]));
    expect(evaluation.values[1]).toBeCloseTo(domainLosses.reduce((a, b) => a + b, 0) / 13, 12);
    expect(evaluation.cost).toEqual({ model_params: 6e7 });
    // A mixture a little off the recorded one is answered by it (nearest by Aitchison distance).
    const nudged = { mix: Object.fromEntries(Object.entries(config.mix).map(([k, v], i) => [k, (v + (i === 0 ? 0.004 : 0)) / 1.004])) };
    expect(task.evaluate(nudged, { model: "60M" }, 0).values).toEqual(evaluation.values);
    // At 1B the mixtures are other ones: the nearest 1B mixture answers (the documented caveat).
    const at1B = task.table.rows[task.lookup(config, { model: "1B" }, 0)];
    expect(at1B.level).toBe(2);
    expect(at1B.config).not.toEqual(config);
  });
});

describe("routellm/mmlu-allocation", () => {
  const task = getTask("routellm/mmlu-allocation");
  const summary = csvAt("routellm-mmlu/mmlu-subjects.csv");
  const total = (name: string) => column(summary, name).reduce((sum, cell) => sum + Number(cell), 0);
  const all = (model: string) => Object.fromEntries(task.space.names.map((name) => [name, model]));

  it("has 8 groups covering the 57 subjects and 14,042 questions", () => {
    expect(task.space.size).toBe(8);
    expect(summary.records.length).toBe(57);
    expect(task.rows).toBe(14042);
  });

  it("computes exact accuracy and the cost of the assumed prices", async () => {
    const tokens = total("prompt_tokens_est");
    const gpt4 = await task.evaluate(all("gpt-4-1106-preview"), null, 0);
    expect(gpt4.values[0]).toBeCloseTo(total("gpt4_correct") / 14042, 14);
    expect(gpt4.values[1]).toBeCloseTo(((tokens + 14042) * MMLU_PRICES_PER_MILLION_TOKENS["gpt-4-1106-preview"]) / 1e6, 10);
    expect(gpt4.cost).toEqual({ usd: gpt4.values[1], input_tokens: tokens, output_tokens: 14042 });
    const mixtral = await task.evaluate(all("mixtral-8x7b-instruct"), null, 0);
    expect(mixtral.values[0]).toBeCloseTo(total("mixtral_correct") / 14042, 14);
    expect(mixtral.values[1]).toBeLessThan(gpt4.values[1] / 50);
  });

  it("takes its optimum from the best model per group", async () => {
    const groups = new Map<string, [number, number]>();
    summary.records.forEach((record) => {
      const [m, g] = groups.get(record[1]) ?? [0, 0];
      groups.set(record[1], [m + Number(record[5]), g + Number(record[6])]);
    });
    const best = [...groups.values()].reduce((sum, [m, g]) => sum + Math.max(m, g), 0);
    expect(task.optimum).toBeCloseTo(best / 14042, 14);
    const bestConfig = Object.fromEntries([...groups.entries()].map(([group, [m, g]]) => [group, m > g ? "mixtral-8x7b-instruct" : "gpt-4-1106-preview"]));
    expect((await task.evaluate(bestConfig, null, 0)).values[0]).toBeCloseTo(task.optimum as number, 14);
  });
});

describe("synthetic tasks", () => {
  it("wrap each synthetic function, marked synthetic, with its optimum", async () => {
    for (const fn of syntheticFunctions) {
      const task = getTask(`synthetic/${fn.id}`);
      expect(task.synthetic).toBe(true);
      expect(task.optimum).toBe(fn.optimum);
      expect(task.objectives).toEqual([{ name: "value", direction: "minimize" }]);
      if (fn.optimumConfig) expect((await task.evaluate(fn.optimumConfig, null, 0)).values[0]).toBeCloseTo(fn.optimum, 4);
    }
  });
});

describe("registry", () => {
  it("lists every built-in task once; none but the synthetic ones are synthetic", () => {
    const tasks = listTasks();
    expect(tasks.map((t) => t.id)).toEqual(taskIds());
    expect(new Set(taskIds()).size).toBe(BUILTIN_TASKS.length);
    expect(taskIds()).toEqual(expect.arrayContaining(["llmsys/naiverag", "regmix", "routellm/mmlu-allocation", "surrogate/regmix", "synthetic/branin"]));
    for (const task of tasks) expect(task.synthetic).toBe(task.id.startsWith("synthetic/"));
    expect(getTask("llmsys/vllm")).toBe(getTask("llmsys/vllm"));
  });

  it("loads a task folder by path and names the known ids for an unknown ref", () => {
    expect(getTask(fileURLToPath(new URL("../../fixtures/tasks/good", import.meta.url))).id).toBe("fixture/rag");
    expect(() => getTask("llmsys/nope")).toThrow(UnknownTaskError);
    expect(() => getTask("llmsys/nope")).toThrow(/unknown task "llmsys\/nope": expected a built-in task id \(llmsys\/naiverag, .*synthetic\/checkpoint-ladder\) or a path to a task folder/);
  });
});
