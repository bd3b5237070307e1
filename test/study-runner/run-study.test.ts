import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_BUDGET, STORED_CONFIG_KEY } from "../../src/study/index.js";
import { loadStudyRunConfig, resolveStudyRun, runStudy, storedStudyRunConfig } from "../../src/study-runner/index.js";
import { useTmpDir, writeFiles } from "../helpers/cli.js";

const tmp = useTmpDir();

describe("the study use case", () => {
  it("resolves a config fully: parsed budget and durations, enqueued configs, the default budget written once", () => {
    const dir = tmp();
    writeFiles(dir, {
      "a.yaml": "study: a\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: 'true'}\ntimeout: 30s\nheartbeat: {interval: 2s, timeout: 1m}\nenqueue: [{x: 0.5}]\n",
      "b.yaml": "study: b\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: 'true'}\nbudget: {trials: 5, wall: 1h, usd: 2}\nconcurrency: 3\n",
    });
    const a = loadStudyRunConfig(join(dir, "a.yaml"));
    expect(a.budget).toEqual({ trials: DEFAULT_BUDGET.trials, wallMs: Infinity, costs: {} });
    expect([a.timeoutMs, a.heartbeatIntervalMs, a.heartbeatTimeoutMs, a.concurrency]).toEqual([30_000, 2000, 60_000, 1]);
    expect(a.enqueue).toEqual([{ x: 0.5 }]);
    expect(a.storage).toBeNull();
    const b = loadStudyRunConfig(join(dir, "b.yaml"));
    expect(b.budget).toEqual({ trials: 5, wallMs: 3_600_000, costs: { usd: 2 } });
    expect(b.concurrency).toBe(3);
  });

  it("runs a task objective with the optimizer the config names, stores the config for workers and summarizes", async () => {
    const dir = tmp();
    writeFiles(dir, { "study.yaml": "study: branin\nobjective: {task: synthetic/branin}\noptimizer: {name: qmc, seed: 1}\nbudget: {trials: 6}\nenqueue: [{x1: 0, x2: 0}]\n" });
    const config = loadStudyRunConfig(join(dir, "study.yaml"));
    const run = await resolveStudyRun(config);
    expect(run.sampler.name).toBe("qmc");
    expect(run.task?.id).toBe("synthetic/branin");
    const started: string[] = [];
    const finished: number[] = [];
    const report = await runStudy(run, {
      storage: `sqlite:${join(dir, "k.db")}`,
      logger: () => {},
      onStarted: (study) => started.push(study.name),
      onTrialFinished: (trial) => finished.push(trial.number),
    });
    expect(started).toEqual(["branin"]);
    expect(finished.sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(report.trials).toEqual({ total: 6, complete: 6, failed: 0, pruned: 0, running: 0 });
    expect(report.run.complete).toBe(6);
    expect(report.best).toHaveLength(1);
    // A worker loads the same config from the storage, paths resolved where they were.
    const stored = await storedStudyRunConfig(`sqlite:${join(dir, "k.db")}`, "branin");
    expect(stored.file).toBe(`${join(dir, "study.yaml")} (stored with study "branin")`);
    expect(stored.baseDir).toBe(dir);
    expect(stored.optimizer).toEqual(config.optimizer);
    expect(stored.budget).toEqual(config.budget);
    expect(STORED_CONFIG_KEY).toBe("knobs.config");
  });

  it("words a bad optimizer option at optimizer.<option> of the config file", async () => {
    const dir = tmp();
    writeFiles(dir, { "study.yaml": "study: s\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: 'true'}\noptimizer: {name: gp, candidate: 3}\n" });
    const config = loadStudyRunConfig(join(dir, "study.yaml"));
    await expect(resolveStudyRun(config)).rejects.toThrow(`${join(dir, "study.yaml")}: optimizer.candidate: unknown option: expected one of seed, startupTrials, candidates,`);
  });
});
