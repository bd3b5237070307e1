import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadStudyConfig, studyConfigJsonSchema } from "../../src/study/index.js";
import { useTmpDir, writeFiles } from "../helpers/cli.js";

const tmp = useTmpDir();

describe("study config", () => {
  it("matches the published JSON Schema (regenerate with npm run schema)", () => {
    const published = JSON.parse(readFileSync(new URL("../../schema/study-config.schema.json", import.meta.url), "utf8"));
    const { $id: _id, title: _title, ...rest } = published;
    expect(rest).toEqual(JSON.parse(JSON.stringify(studyConfigJsonSchema())));
  });

  it("reads defaults, a space file and the optimizer options", () => {
    const dir = tmp();
    writeFiles(dir, {
      "space.json": JSON.stringify({ x: { type: "float", low: 0, high: 1 }, k: { type: "int", low: 1, high: 8, log: true } }),
      "study.yaml": "study: s\nspace: {file: space.json}\nobjective: {command: echo 1}\noptimizer: {name: qmc, seed: 4, scramble: false}\n",
    });
    const loaded = loadStudyConfig(`${dir}/study.yaml`);
    expect(loaded.space.names).toEqual(["x", "k"]);
    expect(loaded.objectives).toEqual([{ name: "value", direction: "minimize" }]);
    expect(loaded.optimizer).toEqual({ name: "qmc", seed: 4, options: { scramble: false } });
    expect(loaded.budget).toEqual({ trials: 100, wallMs: Infinity, costs: {} });
    expect(loaded.baseDir).toBe(dir);
  });

  it("refuses objectives and direction together, and enqueued configs outside the space", () => {
    const dir = tmp();
    writeFiles(dir, { "a.yaml": "study: s\nobjectives: [{name: a, direction: maximize}]\ndirection: minimize\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: echo 1}\n" });
    expect(() => loadStudyConfig(`${dir}/a.yaml`)).toThrow(`${dir}/a.yaml: direction: give either objectives or direction, not both`);
    writeFiles(dir, { "b.yaml": "study: s\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: echo 1}\nenqueue: [{x: 3}]\n" });
    expect(() => loadStudyConfig(`${dir}/b.yaml`)).toThrow(/b\.yaml: enqueue\[0\]\.x: /);
  });

  it("refuses an absurd concurrency with the accepted range", () => {
    const dir = tmp();
    writeFiles(dir, { "study.yaml": "study: s\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: echo 1}\nconcurrency: 100000000\n" });
    expect(() => loadStudyConfig(`${dir}/study.yaml`)).toThrow(`${dir}/study.yaml: concurrency: expected an integer from 1 to 1024`);
  });

  it("reads a pruner by name or with options, and refuses an unknown one, a bad option or a pruner without a module objective", () => {
    const dir = tmp();
    const base = "study: s\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {module: ./objective.ts}\n";
    writeFiles(dir, {
      "a.yaml": `${base}pruner: median\n`,
      "b.yaml": `${base}pruner: {name: successive-halving, eta: 2}\n`,
      "c.yaml": `${base}pruner: {name: hyperband}\n`,
      "d.yaml": `${base}pruner: {name: median, warmupStep: 2}\n`,
      "e.yaml": `${base}pruner: {name: wilcoxon, pThreshold: 2}\n`,
      "f.yaml": "study: s\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: echo 1}\npruner: median\n",
    });
    expect(loadStudyConfig(`${dir}/a.yaml`).pruner?.name).toBe("median");
    expect(loadStudyConfig(`${dir}/b.yaml`).pruner?.name).toBe("successive-halving");
    expect(() => loadStudyConfig(`${dir}/c.yaml`)).toThrow(`${dir}/c.yaml: pruner.name: unknown pruner "hyperband": expected one of median, successive-halving, wilcoxon`);
    expect(() => loadStudyConfig(`${dir}/d.yaml`)).toThrow(`${dir}/d.yaml: pruner.warmupStep: unknown option: expected one of startupTrials, warmupSteps, intervalSteps, minTrials`);
    expect(() => loadStudyConfig(`${dir}/e.yaml`)).toThrow(`${dir}/e.yaml: pruner.pThreshold: expected a number from 0 to 1, received 2`);
    expect(() => loadStudyConfig(`${dir}/f.yaml`)).toThrow(
      `${dir}/f.yaml: pruner: a pruner needs a module objective, which calls trial.report() and trial.shouldPrune(); a command objective reports no intermediate values`,
    );
  });

  it("says how to write storage: memory: (quoted, or memory), and reads both forms", () => {
    const dir = tmp();
    const rest = "space: {x: {type: float, low: 0, high: 1}}\nobjective: {command: echo 1}\n";
    writeFiles(dir, { "a.yaml": `study: s\nstorage: memory:\n${rest}`, "b.yaml": `study: s\nstorage: "memory:"\n${rest}`, "c.yaml": `study: s\nstorage: memory\n${rest}` });
    expect(() => loadStudyConfig(`${dir}/a.yaml`)).toThrow(
      `${dir}/a.yaml:2:10: malformed YAML: Nested mappings are not allowed in compact mappings (a value ending in ":" must be quoted: storage: "memory:", or write storage: memory)`,
    );
    expect(loadStudyConfig(`${dir}/b.yaml`).storage).toBe("memory:");
    expect(loadStudyConfig(`${dir}/c.yaml`).storage).toBe("memory");
  });

  it("names the space file in errors found there", () => {
    const dir = tmp();
    writeFiles(dir, {
      "space.yaml": "x: {type: float, low: 2, high: 1}\n",
      "study.yaml": "study: s\nspace: {file: space.yaml}\nobjective: {command: echo 1}\n",
    });
    expect(() => loadStudyConfig(`${dir}/study.yaml`)).toThrow(`${dir}/space.yaml: x.low: low <= high must hold, but got low=2, high=1`);
  });

  it("collects problems from every field in one error", () => {
    const dir = tmp();
    writeFiles(dir, {
      "study.yaml": "study: ''\nobjectives: [{name: a, direction: up}]\ndirection: minimize\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {}\nconcurrency: 0\nenqueue: [{x: 3}]\n",
    });
    let message = "";
    try {
      loadStudyConfig(`${dir}/study.yaml`);
    } catch (error) {
      message = (error as Error).message;
    }
    const lines = message.split("\n").map((l) => l.replace(`${dir}/study.yaml: `, ""));
    expect(lines).toEqual([
      "study: Too small: expected string to have >=1 characters",
      'objectives[0].direction: Invalid option: expected one of "minimize"|"maximize"',
      "objective: expected exactly one of command, module or task, received none",
      "concurrency: Too small: expected number to be >=1",
    ]);
  });
});
