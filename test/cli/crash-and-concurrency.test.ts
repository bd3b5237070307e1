import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStorage, type TrialRecord } from "../../src/storage/index.js";
import { CLI, runCli, useTmpDir, writeFiles } from "../helpers/cli.js";

const tmp = useTmpDir();

/** value = x^2 + k, after a short sleep so trials overlap. */
const OBJECTIVE = `
export async function evaluate(config, trial) {
  await new Promise((r) => setTimeout(r, 20 + (trial.number % 4) * 10));
  return { values: { value: config.x * config.x + config.k } };
}
`;

function studyYaml(trials: number, extra = ""): string {
  return [
    "study: shared",
    "space:",
    "  x: {type: float, low: -1, high: 1}",
    "  k: {type: int, low: 0, high: 3}",
    "objective: {module: ./objective.mjs#evaluate}",
    "optimizer: {name: random, seed: 1}",
    `budget: {trials: ${trials}}`,
    "concurrency: 2",
    extra,
  ].join("\n");
}

async function readTrials(dir: string): Promise<TrialRecord[]> {
  const storage = await openStorage(`sqlite:${join(dir, "knobs.db")}`);
  try {
    const study = await storage.getStudy("shared");
    return study ? await storage.getTrials(study.id) : [];
  } finally {
    await storage.close();
  }
}

function expectConsistent(trials: TrialRecord[]): void {
  expect(trials.map((t) => t.number)).toEqual(trials.map((_, i) => i));
  for (const t of trials.filter((t) => t.state === "complete")) {
    const { x, k } = t.config as { x: number; k: number };
    expect(t.values).toEqual([x * x + k]);
  }
}

describe("SQLite studies across processes", () => {
  it("loses no completed trial when killed with SIGKILL, and resumes on the next run", async () => {
    const dir = tmp();
    writeFiles(dir, { "objective.mjs": OBJECTIVE, "study.yaml": studyYaml(40, "retries: 1\nheartbeat: {interval: 100, timeout: 2s}") });
    const child = spawn(process.execPath, [CLI, "optimize", "study.yaml", "--json"], { cwd: dir, stdio: "ignore" });
    const exited = new Promise((r) => child.on("exit", r));
    let before: TrialRecord[] = [];
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 50));
      before = await readTrials(dir).catch(() => []);
      if (before.filter((t) => t.state === "complete").length >= 8) break;
    }
    child.kill("SIGKILL");
    await exited;
    before = await readTrials(dir);
    const completeBefore = before.filter((t) => t.state === "complete");
    const runningBefore = before.filter((t) => t.state === "running");
    expect(completeBefore.length).toBeGreaterThanOrEqual(8);
    expect(completeBefore.length).toBeLessThan(40);

    const rerun = await runCli(["optimize", "study.yaml", "--json"], { cwd: dir });
    expect(rerun.code).toBe(0);
    const after = await readTrials(dir);
    expectConsistent(after);
    expect(after).toHaveLength(40);
    expect(after.filter((t) => t.state === "running")).toEqual([]);
    // Every trial completed before the kill is there, unchanged.
    for (const t of completeBefore) expect(after[t.number]).toEqual(t);
    // Trials the dead process left running were failed at once (its pid is gone) and re-queued.
    for (const t of runningBefore) {
      expect(after[t.number].state).toBe("failed");
      expect(after[t.number].error).toMatch(/^worker .* is gone \(its process no longer exists\); configuration re-queued$/);
      const retry = after.find((r) => r.systemAttrs.retriedFrom === t.number);
      expect(retry?.state).toBe("complete");
      expect(retry?.config).toEqual(t.config);
    }
  });

  it("runs one study from 4 processes with no repeated number and no lost trial", async () => {
    const dir = tmp();
    writeFiles(dir, { "objective.mjs": OBJECTIVE, "study.yaml": studyYaml(80) });
    const runs = await Promise.all([0, 1, 2, 3].map(() => runCli(["optimize", "study.yaml", "--json"], { cwd: dir })));
    for (const run of runs) {
      expect(run.stderr).not.toMatch(/locked|busy/i);
      expect(run.code).toBe(0);
    }
    const trials = await readTrials(dir);
    expectConsistent(trials);
    // Each process stops starting trials at the budget; overshoot is bounded by the trials in flight (4 x 2).
    expect(trials.length).toBeGreaterThanOrEqual(80);
    expect(trials.length).toBeLessThanOrEqual(88);
    expect(trials.every((t) => t.state === "complete")).toBe(true);
    const perRun = runs.map((run) => JSON.parse(run.stdout).run.complete as number);
    expect(perRun.reduce((a, b) => a + b, 0)).toBe(trials.length);
    expect(perRun.filter((n) => n > 0).length).toBeGreaterThan(1);
  });
});
