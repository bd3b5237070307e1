import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, useTmpDir, writeFiles } from "../helpers/cli.js";

const tmp = useTmpDir();
const examples = resolve(import.meta.dirname, "../../examples");

describe("examples", () => {
  it.each([
    ["quadratic/study.yaml", 64, ["loss"]],
    ["shell-command/study.yaml", 40, ["quality", "usd"]],
  ] as const)("%s runs as written", async (file, trials, objectives) => {
    const run = await runCli(["optimize", resolve(examples, file), "--storage", "memory:", "--json"], { cwd: tmp() });
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.objectives.map((o: { name: string }) => o.name)).toEqual(objectives);
    expect(summary.trials.failed).toBe(0);
    // Stopped by its trial or dollar budget, never past it by more than the trials in flight (4).
    expect(summary.trials.total).toBeLessThanOrEqual(trials);
    expect(summary.best.length).toBeGreaterThan(0);
  });

  it("fails a trial whose module objective throws, with the error's message", async () => {
    const dir = tmp();
    writeFiles(dir, {
      "objective.mjs": "export default (config) => { if (config.x > 0.5) throw new Error(`x too large: ${config.x}`); return config.x; }\n",
      "study.yaml": "study: t\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {module: ./objective.mjs}\noptimizer: {name: qmc, seed: 1}\nbudget: {trials: 8}\n",
    });
    const run = await runCli(["optimize", "study.yaml", "--storage", "memory:", "--json"], { cwd: dir });
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.trials.failed).toBeGreaterThan(0);
    expect(summary.trials.complete).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/^Trial \d+ failed with config \{"x":0\.[5-9]\d*\}: x too large: 0\.[5-9]\d*$/m);
  });
});

describe("the README's commands", () => {
  const root = resolve(import.meta.dirname, "../..");

  it("run the npm script silently where their output goes to a file, which then holds only the command's output", () => {
    const redirected = readFileSync(resolve(root, "README.md"), "utf8")
      .split("\n")
      .filter((line) => /^npm run [^#]*> /.test(line));
    expect(redirected.length).toBeGreaterThan(0);
    for (const line of redirected) expect(line).toMatch(/^npm run -s /);
    const out = execFileSync("npm", ["run", "-s", "knobs", "--", "tasks", "--json"], { cwd: root, encoding: "utf8" });
    expect(Array.isArray(JSON.parse(out))).toBe(true);
  });
});

