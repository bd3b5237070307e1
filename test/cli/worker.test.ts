import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStorage } from "../../src/storage/index.js";
import { CLI, runCli, useTmpDir, writeFiles } from "../helpers/cli.js";

const tmp = useTmpDir();

describe("knobs worker", () => {
  it("joins a study started by knobs optimize, with the config stored in the study", async () => {
    const dir = tmp();
    // Trials wait for a release file, so the worker surely joins while the study still runs.
    const release = join(dir, "release");
    writeFiles(dir, {
      "objective.mjs": `import { existsSync } from "node:fs";
export default async (config) => {
  while (!existsSync(${JSON.stringify(release)})) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 5));
  return config.x ** 2;
};
`,
      "study.yaml": "study: joined\nspace: {x: {type: float, low: -1, high: 1}}\nobjective: {module: ./objective.mjs}\noptimizer: random\nbudget: {trials: 60}\nconcurrency: 2\n",
    });
    const db = `sqlite:${join(dir, "knobs.db")}`;
    const main = spawn(process.execPath, [CLI, "optimize", "study.yaml", "--json"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let mainOut = "";
    main.stdout.on("data", (d) => (mainOut += d));
    const mainDone = new Promise((r) => main.on("exit", r));
    // Wait until the study exists, then join from another folder (paths come from the stored config).
    for (let i = 0; i < 400; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const storage = await openStorage(db).catch(() => null);
      const study = await storage?.getStudy("joined");
      await storage?.close();
      if (study?.userAttrs["knobs.config"]) break;
    }
    const joining = runCli(["worker", "--storage", db, "--study", "joined", "--json"], { cwd: tmp() });
    // Release the trials once the worker runs one of its own.
    for (let i = 0; i < 2400; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const storage = await openStorage(db);
      const trials = await storage.getTrials((await storage.getStudy("joined"))!.id);
      await storage.close();
      if (new Set(trials.filter((t) => t.state === "running").map((t) => t.workerId)).size >= 2) break;
    }
    writeFiles(dir, { release: "" });
    const worker = await joining;
    await mainDone;
    expect(worker.stderr).toBe("");
    expect(worker.code).toBe(0);
    const fromWorker = JSON.parse(worker.stdout);
    const fromMain = JSON.parse(mainOut);
    const storage = await openStorage(db);
    const trials = await storage.getTrials((await storage.getStudy("joined"))!.id);
    await storage.close();
    expect(fromWorker.run.complete).toBeGreaterThan(0);
    expect(trials.every((t) => t.state === "complete")).toBe(true);
    expect(fromWorker.run.complete + fromMain.run.complete).toBe(trials.length);
    // Both stop at the shared trial budget; overshoot is bounded by the trials in flight (2 + 2).
    expect(trials.length).toBeGreaterThanOrEqual(60);
    expect(trials.length).toBeLessThanOrEqual(64);
  });

  it("explains when a study has no stored config", async () => {
    const dir = tmp();
    const run = await runCli(["worker", "--storage", `sqlite:${join(dir, "x.db")}`, "--study", "none"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('knobs: no study named "none" in this storage (this storage has no study)\n');
  });
});
