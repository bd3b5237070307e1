/**
 * Dashboard responsiveness on a large study: makes a SQLite study of 10,000 trials (the
 * quadratic example's space, dollar and latency costs, a budget), starts the dashboard on it
 * and measures the study page: time to first byte and to the full page over HTTP, cold (a
 * request right after start waits for the first read of every trial) and warm; the sorted trial-table API; and, when Debian's
 * chromium is there, the browser's own navigation timings (first contentful paint, load).
 * Run: npx tsx bench/dashboard/run.ts [--trials 10000] [--repeats 5]
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startDashboard } from "../../src/dashboard/index.js";
import { randomSampler } from "../../src/samplers/random.js";
import { createStudy } from "../../src/study/index.js";
import { CHROMIUM_PATH, launchChromium } from "../../test/dashboard/browser.js";
import { quadratic, quadraticSpace } from "../../test/dashboard/demo-studies.js";

const { values: args } = parseArgs({ options: { trials: { type: "string", default: "10000" }, repeats: { type: "string", default: "5" } } });
const trials = Number(args.trials);
const repeats = Number(args.repeats);
const dir = mkdtempSync(join(tmpdir(), "knobs-bench-dashboard-"));
const storage = `sqlite:${join(dir, "knobs.db")}`;

const start = performance.now();
const study = await createStudy({ name: "big", storage, space: quadraticSpace, direction: "minimize", sampler: randomSampler({ seed: 0 }), logger: () => {} });
await study.storage.setStudyUserAttr(study.id, "budget", { trials, usd: 0.0025 * trials });
for (let i = 0; i < trials; i++) {
  const trial = await study.ask();
  const k = trial.config.top_k as number;
  await study.tell(trial, { values: [quadratic(trial.config)], cost: { usd: 0.001 * (1 + k / 10), latency_ms: 200 + 20 * k } });
}
await study.close();
console.log(`Made a ${trials}-trial SQLite study in ${((performance.now() - start) / 1000).toFixed(1)} s.\n`);

/** Milliseconds to the response headers (first byte) and to the whole body, and the body's size. */
async function timeGet(url: string): Promise<{ ttfb: number; full: number; bytes: number }> {
  const t0 = performance.now();
  const response = await fetch(url);
  const ttfb = performance.now() - t0;
  const body = await response.arrayBuffer();
  return { ttfb, full: performance.now() - t0, bytes: body.byteLength };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;

const rows: string[] = [];
for (let r = 0; r < repeats; r++) {
  // A fresh dashboard each time: the first page view reads and parses every trial.
  const dashboard = await startDashboard({ storage });
  const cold = await timeGet(`${dashboard.url}studies/big`);
  const warm = await timeGet(`${dashboard.url}studies/big`);
  const table = await timeGet(`${dashboard.url}api/studies/big/trials?sort=value:0&order=asc`);
  rows.push(JSON.stringify({ cold, warm, table }));
  await dashboard.close();
}
const runs = rows.map((row) => JSON.parse(row) as Record<"cold" | "warm" | "table", { ttfb: number; full: number; bytes: number }>);
console.log(`Study page of ${trials} trials over HTTP, median of ${repeats} fresh dashboards:\n`);
console.log("| request | time to first byte | full response | size |");
console.log("|---|---:|---:|---:|");
for (const key of ["cold", "warm", "table"] as const) {
  const label = { cold: "study page, first view (cold cache)", warm: "study page, again (warm cache)", table: "trial table API, sorted by value" }[key];
  console.log(`| ${label} | ${ms(median(runs.map((x) => x[key].ttfb)))} | ${ms(median(runs.map((x) => x[key].full)))} | ${(runs[0][key].bytes / 1024).toFixed(0)} KiB |`);
}

if (existsSync(CHROMIUM_PATH)) {
  const dashboard = await startDashboard({ storage });
  const browser = await launchChromium();
  try {
    const timings = [];
    for (let r = 0; r < repeats; r++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${dashboard.url}studies/big`, { waitUntil: "load" });
      // Read in the page: the browser's navigation timing and its first contentful paint.
      const timing = (await page.evaluate(`(() => {
        const nav = performance.getEntriesByType("navigation")[0];
        const paint = performance.getEntriesByName("first-contentful-paint")[0];
        return { fcp: paint ? paint.startTime : NaN, load: nav.loadEventEnd };
      })()`)) as { fcp: number; load: number };
      timings.push(timing);
      await page.close();
    }
    console.log(`\nIn chromium (headless), median of ${repeats} page loads of a dashboard started just before (it warms its cache as it starts):\n`);
    console.log("| first contentful paint | load event |");
    console.log("|---:|---:|");
    console.log(`| ${ms(median(timings.map((t) => t.fcp)))} | ${ms(median(timings.map((t) => t.load)))} |`);
    console.log(`\nFirst load alone: first contentful paint ${ms(timings[0].fcp)}, load ${ms(timings[0].load)}.`);
  } finally {
    await browser.close();
    await dashboard.close();
  }
} else {
  console.log(`\n(no chromium at ${CHROMIUM_PATH}: browser timings skipped)`);
}
rmSync(dir, { recursive: true, force: true });
