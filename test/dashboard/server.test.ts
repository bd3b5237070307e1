import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard, type RunningDashboard } from "../../src/dashboard/index.js";
import { openStorage } from "../../src/storage/index.js";
import { createStudy } from "../../src/study/index.js";
import { makeDemoStudies, quadratic, quadraticSpace } from "./demo-studies.js";

let dir: string;
let storageUrl: string;
let dashboard: RunningDashboard;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "knobs-dashboard-"));
  storageUrl = `sqlite:${join(dir, "knobs.db")}`;
  const storage = await openStorage(storageUrl);
  await makeDemoStudies(storage);
  await storage.close();
  dashboard = await startDashboard({ storage: storageUrl, liveIntervalMs: 100 });
});

afterAll(async () => {
  await dashboard?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string) => fetch(new URL(path, dashboard.url));

describe("dashboard server", () => {
  it("listens on 127.0.0.1 and lists the storage's studies", async () => {
    expect(dashboard.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await (await get("/")).text();
    for (const name of ["quadratic", "rag-tradeoff", "asha-fidelity", "prompt-edits"]) expect(page).toContain(`href="/studies/${name}"`);
    const studies = (await (await get("/api/studies")).json()) as { name: string; trials: number }[];
    expect(studies.map((s) => [s.name, s.trials])).toEqual([
      ["quadratic", 40],
      ["rag-tradeoff", 30],
      ["asha-fidelity", 40],
      ["prompt-edits", 6],
    ]);
  });

  it("serves a page of trials sorted by value, and one trial's detail", async () => {
    const page = (await (await get("/api/studies/quadratic/trials?sort=value:0&order=desc&limit=5&state=complete")).json()) as { numbers: number[]; total: number; rows: string };
    const all = (await (await get("/api/studies/quadratic/trials?limit=1000&state=complete")).json()) as { numbers: number[] };
    expect(page.numbers).toHaveLength(5);
    const detail = async (n: number) => (await (await get(`/api/studies/quadratic/trials/${n}`)).json()) as { trial: { values: number[] }; html: string };
    const values = await Promise.all(all.numbers.map(async (n) => (await detail(n)).trial.values[0]));
    const sorted = [...values].sort((a, b) => b - a).slice(0, 5);
    expect(await Promise.all(page.numbers.map(async (n) => (await detail(n)).trial.values[0]))).toEqual(sorted);
    expect((await detail(page.numbers[0])).html).toContain(`Trial ${page.numbers[0]}`);
  });

  it("answers an unknown study or trial with 404 and a message naming what exists", async () => {
    const response = await get("/api/studies/nope");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "no_such_study", message: `No study named "nope" in ${storageUrl}. Studies: quadratic, rag-tradeoff, asha-fidelity, prompt-edits.` },
    });
    expect((await get("/studies/nope")).status).toBe(404);
    expect((await get("/api/studies/quadratic/trials/999")).status).toBe(404);
    expect((await get("/bench")).status).toBe(404);
  });

  it("streams a trial that another process's study adds, while that study keeps writing", async () => {
    const { cursor } = (await (await get("/api/studies/quadratic")).json()) as { cursor: number };
    const controller = new AbortController();
    const response = await fetch(new URL(`/api/studies/quadratic/events?cursor=${cursor}`, dashboard.url), { signal: controller.signal });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    // A second connection, as `knobs optimize` in another process would have.
    const writer = await createStudy({ name: "quadratic", storage: storageUrl, space: quadraticSpace, direction: "minimize", logger: () => {} });
    const trial = await writer.ask();
    await writer.tell(trial, quadratic(trial.config));
    await writer.close();
    let text = "";
    while (!/event: trials\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    controller.abort();
    const data = JSON.parse(/event: trials\ndata: (.*)\n/.exec(text)![1]);
    expect(data.trials).toContainEqual({ number: trial.number, state: "complete" });
    expect(data.cursor).toBeGreaterThan(cursor);
    expect(data.summary.total).toBe(String(trial.number + 1));
  });
});

describe("dashboard with benchmark runs", () => {
  it("shows regret curves per task, average ranks and the critical-difference diagram", async () => {
    const { makeBenchResults } = await import("./demo-bench.js");
    const runs = await makeBenchResults(join(dir, "bench.db"));
    const bench = await startDashboard({ storage: "memory:", results: join(dir, "bench.db") });
    try {
      const html = await (await fetch(new URL("/bench", bench.url))).text();
      const tasks = [...new Set(runs.map((r) => r.task))];
      expect((html.match(/data-view="regret"/g) ?? []).length).toBe(tasks.length);
      for (const task of tasks) expect(html).toContain(`data-task="${task}"`);
      expect(html).toContain('data-view="cd"');
      expect(html).toContain("Friedman test");
      expect(html).toMatch(/to target<\/th>/);
      expect(await (await fetch(bench.url)).text()).toContain('href="/bench"');
    } finally {
      await bench.close();
    }
  });
});
