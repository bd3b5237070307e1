/**
 * The dashboard in a real browser (Debian's chromium, headless, no network): plots render
 * with the right number of points, the table sorts and filters, clicking a trial opens its
 * detail, and a trial another connection adds appears live. Screenshots of each view go to
 * test-artifacts/dashboard/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard, type RunningDashboard } from "../../src/dashboard/index.js";
import { openStorage, type TrialRecord } from "../../src/storage/index.js";
import { createStudy } from "../../src/study/index.js";
import { browserSkipReason, CHROMIUM_PATH, launchChromium } from "./browser.js";
import { makeBenchResults } from "./demo-bench.js";
import { makeDemoStudies, quadratic, quadraticSpace } from "./demo-studies.js";

const ARTIFACTS = resolve(import.meta.dirname, "../../test-artifacts/dashboard");
const skip = browserSkipReason();

// Under CI a missing browser is a failing test, not a quiet skip.
it.runIf(process.env.CI)("finds chromium (CI)", () => {
  expect(existsSync(CHROMIUM_PATH), `no chromium at ${CHROMIUM_PATH}: .ci/run installs Debian's chromium`).toBe(true);
});

describe.skipIf(skip !== null)(`dashboard in chromium${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let dir: string;
  let storageUrl: string;
  let dashboard: RunningDashboard;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const trialsOf = async (name: string): Promise<TrialRecord[]> => {
    const storage = await openStorage(storageUrl);
    try {
      const study = await storage.getStudy(name);
      return storage.getTrials(study!.id);
    } finally {
      await storage.close();
    }
  };
  const shot = (name: string, selector?: string) =>
    selector ? page.locator(selector).first().screenshot({ path: join(ARTIFACTS, `${name}.png`) }) : page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), "knobs-dashboard-browser-"));
    storageUrl = `sqlite:${join(dir, "knobs.db")}`;
    const storage = await openStorage(storageUrl);
    await makeDemoStudies(storage);
    await storage.close();
    await makeBenchResults(join(dir, "bench.db"));
    dashboard = await startDashboard({ storage: storageUrl, results: join(dir, "bench.db"), liveIntervalMs: 200 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("request", (request) => requests.push(request.url()));
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("lists the studies", async () => {
    await page.goto(dashboard.url);
    expect(await page.locator("table.studies tbody tr").count()).toBe(4);
    await shot("studies");
    await page.click("text=quadratic");
    await page.waitForURL(/\/studies\/quadratic$/);
  });

  it("draws every complete trial in the history and parallel coordinates, and names the importance method", async () => {
    const complete = (await trialsOf("quadratic")).filter((t) => t.state === "complete");
    await page.goto(`${dashboard.url}studies/quadratic`);
    await page.waitForSelector("#live-status:text('live')");
    expect(await page.locator('#view-history svg[data-view="history"] circle[data-trial]').count()).toBe(complete.length);
    expect(await page.locator('#view-parallel svg path[data-trial]').count()).toBe(complete.length);
    expect(await page.locator("#view-importance figcaption").innerText()).toContain("PED-ANOVA");
    expect(await page.locator('#view-importance rect[data-param]').count()).toBe(5);
    expect(await page.locator("#trial-rows tr").count()).toBe(40);
    await shot("study");
    for (const view of ["trials", "history", "pareto", "parallel", "importance", "budget"]) await shot(`view-${view}`, `#view-${view}`);
  });

  it("sorts and filters the trial table", async () => {
    const complete = (await trialsOf("quadratic")).filter((t) => t.state === "complete");
    const best = complete.reduce((a, b) => (a.values![0] <= b.values![0] ? a : b));
    const version = () => page.locator("main").getAttribute("data-table-version");
    // The page script bumps data-table-version on <main> each time the table reloads.
    const reloaded = async (action: () => Promise<unknown>) => {
      const before = await version();
      await action();
      await page.waitForFunction(`document.querySelector("main").getAttribute("data-table-version") !== ${JSON.stringify(before)}`);
    };
    await reloaded(() => page.click('th[data-sort="value:0"]'));
    expect(await page.locator("#trial-rows tr").first().getAttribute("data-trial")).toBe(String(best.number));
    await reloaded(() => page.fill("#trial-filter", "x > 2"));
    const wide = (await trialsOf("quadratic")).filter((t) => (t.config.x as number) > 2);
    expect(await page.locator("#trial-rows tr").count()).toBe(wide.length);
    await reloaded(() => page.selectOption("#trial-state", "failed"));
    expect(await page.locator("#trial-rows tr").count()).toBe(wide.filter((t) => t.state === "failed").length);
    await shot("trials-filtered", "#view-trials");
    await reloaded(() => page.fill("#trial-filter", ""));
    await reloaded(() => page.selectOption("#trial-state", ""));
  });

  it("opens a trial's detail from a table row and from a point of a plot", async () => {
    await page.click('#trial-rows tr[data-trial="3"]');
    await page.waitForSelector('#trial-detail.open [data-trial-detail="3"]');
    const detail = await page.locator("#trial-detail").innerText();
    const trial = (await trialsOf("quadratic"))[3];
    expect(detail).toContain("Trial 3");
    expect(detail).toContain(String(trial.config.retriever));
    expect(detail).toContain("usd");
    await shot("trial-detail");
    await page.click("#detail-close");
    const point = page.locator('#view-history circle[data-trial="7"]');
    await point.scrollIntoViewIfNeeded();
    await point.click({ force: true });
    await page.waitForSelector('#trial-detail.open [data-trial-detail="7"]');
    await page.click("#detail-close");
  });

  it("shows a trial that another connection adds, live", async () => {
    await page.goto(`${dashboard.url}studies/quadratic`);
    await page.waitForSelector("#live-status:text('live')");
    const before = await page.locator("#view-history circle[data-trial]").count();
    const writer = await createStudy({ name: "quadratic", storage: storageUrl, space: quadraticSpace, direction: "minimize", logger: () => {} });
    const trial = await writer.ask();
    await writer.tell(trial, { values: [quadratic(trial.config)], cost: { usd: 0.001 } });
    await writer.close();
    await page.waitForSelector(`#trial-rows tr[data-trial="${trial.number}"]`);
    await page.waitForFunction(`document.querySelectorAll("#view-history circle[data-trial]").length === ${before + 1}`);
    expect(await page.locator('[data-live="total"]').innerText()).toBe(String(trial.number + 1));
    await shot("live-new-trial");
  });

  it("shows the Pareto front of quality against dollars and latency", async () => {
    await page.goto(`${dashboard.url}studies/rag-tradeoff`);
    const charts = page.locator('#view-pareto svg[data-view="pareto"]');
    expect(await charts.count()).toBe(3);
    for (let i = 0; i < 3; i++) expect(await charts.nth(i).locator("circle[data-trial]").count()).toBe(30);
    await shot("view-pareto-tradeoff", "#view-pareto");
  });

  it("shows fidelity promotions and intermediate values of a multi-fidelity study", async () => {
    const trials = await trialsOf("asha-fidelity");
    await page.goto(`${dashboard.url}studies/asha-fidelity`);
    const fidelity = page.locator('#view-fidelity svg[data-view="fidelity"]');
    expect(await fidelity.getAttribute("data-levels")).toBe("3");
    expect(await fidelity.locator("circle[data-trial]").count()).toBe(trials.filter((t) => t.state === "complete").length);
    expect(await page.locator("#view-intermediate path[data-trial]").count()).toBe(trials.filter((t) => Object.keys(t.intermediate).length > 0).length);
    await shot("view-fidelity", "#view-fidelity");
    await shot("view-intermediate", "#view-intermediate");
  });

  it("shows the artifact diff of a generative update in the trial's detail", async () => {
    await page.goto(`${dashboard.url}studies/prompt-edits`);
    await page.click('#trial-rows tr[data-trial="2"]');
    await page.waitForSelector('#trial-detail.open [data-trial-detail="2"]');
    expect(await page.locator("#trial-detail pre.diff .add").innerText()).toBe("+Answer briefly and cite the passage (edit 2).");
    await shot("trial-detail-diff");
  });

  it("shows the benchmark view", async () => {
    await page.goto(`${dashboard.url}bench`);
    expect(await page.locator('svg[data-view="regret"]').count()).toBe(3);
    expect(await page.locator('svg[data-view="regret"]').first().locator("path[data-optimizer]").count()).toBe(3);
    expect(await page.locator('svg[data-view="cd"]').count()).toBe(1);
    await shot("benchmark");
  });

  it("fetched nothing but the dashboard itself", () => {
    const origin = new URL(dashboard.url).origin;
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((url) => !url.startsWith(origin))).toEqual([]);
  });
});
