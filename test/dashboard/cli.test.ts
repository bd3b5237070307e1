/**
 * `knobs dashboard` and `knobs report --study` through the built CLI, on studies made by
 * running the examples and on runs made by `knobs bench` (the benchmark suite).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { startDashboard } from "../../src/dashboard/index.js";
import { CLI, runCli, useTmpDir } from "../helpers/cli.js";
import { getWithHost } from "./get-with-host.js";

const tmp = useTmpDir();
const examples = resolve(import.meta.dirname, "../../examples");

/** Starts `knobs dashboard <args>`, waits for the URL it prints, runs `body`, then stops it with SIGINT. */
async function withDashboardProcess(args: string[], cwd: string, body: (url: string) => Promise<void>): Promise<number | null> {
  const child = spawn(process.execPath, [CLI, "dashboard", ...args], { cwd });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((done) => child.on("close", done));
  try {
    const url = await new Promise<string>((done, fail) => {
      let stdout = "";
      child.stdout.on("data", (d) => {
        stdout += d;
        const match = /knobs dashboard: (http:\/\/\S+)/.exec(stdout);
        if (match) done(match[1]);
      });
      child.on("close", (code) => fail(new Error(`knobs dashboard exited with ${code}: ${stderr}`)));
    });
    await body(url);
  } finally {
    child.kill("SIGINT");
  }
  return exited;
}

async function optimizeExamples(dir: string): Promise<string> {
  const storage = `sqlite:${join(dir, "knobs.db")}`;
  for (const file of ["quadratic/study.yaml", "shell-command/study.yaml"]) {
    const run = await runCli(["optimize", resolve(examples, file), "--storage", storage, "--json"], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
  }
  return storage;
}

describe("knobs dashboard and knobs report --study", () => {
  it("serve and report the examples' studies", async () => {
    const dir = tmp();
    const storage = await optimizeExamples(dir);

    const report = await runCli(["report", "--study", "shell-command", "--storage", storage, "--html", "shell.html"], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/^Wrote shell\.html: study "shell-command", \d+ trials\.\n$/);
    const html = readFileSync(join(dir, "shell.html"), "utf8");
    for (const view of ["history", "pareto", "parallel", "importance", "budget"]) expect(html).toContain(`id="view-${view}"`);
    expect(html).not.toMatch(/<script|(src|href)="https?:/);

    const code = await withDashboardProcess(["--storage", storage, "--port", "0"], dir, async (url) => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const home = await (await fetch(url)).text();
      expect(home).toContain('href="/studies/quadratic"');
      expect(home).toContain('href="/studies/shell-command"');
      const quadratic = await (await fetch(`${url}studies/quadratic`)).text();
      for (const view of ["history", "pareto", "parallel", "importance"]) expect(quadratic).toContain(`data-view="${view}"`);
      // The example's budget (64 trials, 1 usd) is read from the config knobs optimize stored.
      expect(quadratic).toMatch(/<tr><td>usd<\/td><td>[\d.]+<\/td><td>0<\/td><td>[\d.]+<\/td><td>1<\/td>/);
      const shell = await (await fetch(`${url}studies/shell-command`)).text();
      expect(shell).toContain("Pareto set over the objectives");
    });
    expect(code).toBe(0);
  });

  it("shows the benchmark runs of knobs bench", async () => {
    const dir = tmp();
    const bench = await runCli(
      ["bench", "--suite", "default", "--tasks", "llmsys/naiverag,regmix", "--optimizers", "random,tpe", "--seeds", "2", "--budget", "10", "--concurrency", "1", "--db", "bench.db", "--out", "out", "--json"],
      { cwd: dir },
    );
    expect(bench.code, bench.stderr).toBe(0);
    const code = await withDashboardProcess(["--storage", "memory:", "--port", "0", "--results", "bench.db"], dir, async (url) => {
      const page = await (await fetch(`${url}bench`)).text();
      expect((page.match(/data-view="regret"/g) ?? []).length).toBe(2);
      expect(page).toContain('data-task="llmsys/naiverag"');
      expect(page).toContain('data-task="regmix"');
    });
    expect(code).toBe(0);
  });

  it("answer only loopback names, --host and --allow-host names in the Host header", async () => {
    const dir = tmp();
    const code = await withDashboardProcess(["--storage", "memory:", "--port", "0", "--host", "127.0.0.2", "--allow-host", "knobs.lan, other.lan"], dir, async (url) => {
      const port = new URL(url).port;
      for (const host of [`127.0.0.2:${port}`, `localhost:${port}`, `knobs.lan:${port}`, `other.lan:${port}`]) {
        expect({ host, status: (await getWithHost(url, "/", host)).status }).toEqual({ host, status: 200 });
      }
      const forged = await getWithHost(url, "/api/studies", `rebound.example:${port}`);
      expect(forged.status).toBe(403);
      expect(forged.body).toBe(
        `knobs dashboard: the Host "rebound.example:${port}" is not allowed (DNS rebinding guard); allowed: 127.0.0.1:${port}, localhost:${port}, [::1]:${port}, 127.0.0.2:${port}, knobs.lan:${port}, other.lan:${port}\n`,
      );
    });
    expect(code).toBe(0);
    const bad = await runCli(["dashboard", "--storage", "memory:", "--port", "0", "--allow-host", "knobs.lan:80"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('knobs: --allow-host: expected host names or IP addresses (without a port), received "knobs.lan:80"\n');
  });

  it("say what is wrong with bad arguments", async () => {
    const dir = tmp();
    const storage = `sqlite:${join(dir, "missing.db")}`;
    const missing = await runCli(["dashboard", "--storage", storage], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`knobs: ${join(dir, "missing.db")}: no such file; run knobs optimize first, or pass --storage <url>\n`);
    expect(existsSync(join(dir, "missing.db"))).toBe(false);
    const blocker = await startDashboard({ storage: "memory:" });
    try {
      const port = new URL(blocker.url).port;
      const taken = await runCli(["dashboard", "--storage", "memory:", "--port", port], { cwd: dir });
      expect(taken.code).toBe(2);
      expect(taken.stderr).toBe(`knobs: port ${port} on 127.0.0.1 is in use: pass --port <n> (0 picks a free one)\n`);
    } finally {
      await blocker.close();
    }
    const noArgs = await runCli(["report"], { cwd: dir });
    expect(noArgs.code).toBe(2);
    expect(noArgs.stderr).toContain("give a results file written by knobs bench (knobs report <db>), or --study <name>");
    const noHtml = await runCli(["report", "--study", "x", "--storage", "memory:"], { cwd: dir });
    expect(noHtml.stderr).toBe("knobs: --study writes an HTML file: give --html <file>\n");
    const unknown = await runCli(["report", "--study", "nope", "--storage", "memory:", "--html", "x.html"], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/nope/);
  });
});
