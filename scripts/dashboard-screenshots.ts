/**
 * Screenshots of the dashboard's main views for the README, from the demo studies of the
 * dashboard tests and a slice of the default benchmark suite: docs/images/dashboard-*.png.
 * Run: npx tsx scripts/dashboard-screenshots.ts [--out docs/images]
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { startDashboard } from "../src/dashboard/index.js";
import { openStorage } from "../src/storage/index.js";
import { launchChromium } from "../test/dashboard/browser.js";
import { makeBenchResults } from "../test/dashboard/demo-bench.js";
import { makeDemoStudies, makeQuadraticStudy } from "../test/dashboard/demo-studies.js";

const { values: args } = parseArgs({ options: { out: { type: "string", default: "docs/images" } } });
const out = resolve(args.out);
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), "knobs-screenshots-"));
// Relative names, so the pages show "sqlite:knobs.db" as a user would see it.
process.chdir(dir);
const storageUrl = "sqlite:knobs.db";
const storage = await openStorage(storageUrl);
await makeDemoStudies(storage);
await makeQuadraticStudy(storage, 200, "quadratic-200");
await storage.close();
await makeBenchResults("knobs-bench.db");

const dashboard = await startDashboard({ storage: storageUrl, results: "knobs-bench.db" });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const shot = async (name: string, selector?: string) => {
    const path = join(out, `dashboard-${name}.png`);
    if (selector) await page.locator(selector).first().screenshot({ path });
    else await page.screenshot({ path });
    console.log(path);
  };
  await page.goto(dashboard.url);
  await shot("studies");
  await page.goto(`${dashboard.url}studies/quadratic-200`);
  await page.waitForSelector("#live-status:text('live')");
  await shot("study");
  await shot("history", "#view-history");
  await shot("parallel", "#view-parallel");
  await shot("importance", "#view-importance");
  await shot("budget", "#view-budget");
  await page.goto(`${dashboard.url}studies/rag-tradeoff`);
  await shot("pareto", "#view-pareto");
  await page.goto(`${dashboard.url}studies/asha-fidelity`);
  await shot("fidelity", "#view-fidelity");
  await shot("intermediate", "#view-intermediate");
  await page.goto(`${dashboard.url}studies/prompt-edits`);
  await page.click('#trial-rows tr[data-trial="3"]');
  await page.waitForSelector("#trial-detail.open [data-trial-detail='3']");
  await page.waitForTimeout(300);
  await shot("trial-detail");
  await page.goto(`${dashboard.url}bench`);
  await shot("benchmark");
} finally {
  await browser.close();
  await dashboard.close();
  process.chdir(tmpdir());
  rmSync(dir, { recursive: true, force: true });
}
