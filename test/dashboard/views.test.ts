import { describe, expect, it } from "vitest";
import { readStudySnapshot, renderStudyReport, type StudySnapshot } from "../../src/dashboard/index.js";
import { paretoFront2d } from "../../src/dashboard/model/front-2d.js";
import { fidelityLevels } from "../../src/dashboard/model/fidelity-levels.js";
import { studyBudget } from "../../src/dashboard/model/study-budget.js";
import { queryTrials } from "../../src/dashboard/model/trial-query.js";
import { diffBlock } from "../../src/dashboard/views/diff-block.js";
import { historyView } from "../../src/dashboard/views/history.js";
import { STUDY_VIEWS } from "../../src/dashboard/views/study-views.js";
import { trialDetail } from "../../src/dashboard/views/trial-detail.js";
import { MemoryStorage, type Storage } from "../../src/storage/index.js";
import { makeGenerativeStudy, makeMultiFidelityStudy, makeQuadraticStudy, makeTradeoffStudy } from "./demo-studies.js";

async function snapshotOf(make: (storage: Storage) => Promise<void>, name: string): Promise<StudySnapshot> {
  const storage = new MemoryStorage();
  await make(storage);
  return (await readStudySnapshot(storage, name))!;
}

const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;
const attr = (html: string, view: string, name: string) => [...html.matchAll(new RegExp(`data-view="${view}"[^>]*data-${name}="([^"]*)"`, "g"))].map((m) => m[1]);

describe("study views", () => {
  it("history draws one clickable point per complete trial and a best-so-far line", async () => {
    const snapshot = await snapshotOf((s) => makeQuadraticStudy(s, 40), "quadratic");
    const complete = snapshot.trials.filter((t) => t.state === "complete");
    expect(snapshot.trials.some((t) => t.state === "failed")).toBe(true);
    const html = historyView.render(snapshot)!;
    expect(attr(html, "history", "points")).toEqual([String(complete.length)]);
    expect(count(html, /<circle [^>]*data-trial="/g)).toBe(complete.length);
    const best = Math.min(...complete.map((t) => t.values![0]));
    expect(html).toContain(`best ${Number(best.toPrecision(4))} at trial ${complete.find((t) => t.values![0] === best)!.number}`);
  });

  it("every view renders on each kind of study, and the ones that do not apply say so by returning null", async () => {
    // One objective with a dollar cost still has a trade-off to show (value vs usd): the Pareto view.
    const common = ["history", "pareto", "parallel", "importance"];
    const cases: [string, (s: Storage) => Promise<void>, string[]][] = [
      ["quadratic", (s) => makeQuadraticStudy(s, 30), [...common, "budget"]],
      ["rag-tradeoff", (s) => makeTradeoffStudy(s, 20), [...common, "budget"]],
      ["asha-fidelity", (s) => makeMultiFidelityStudy(s, 30), [...common, "fidelity", "intermediate", "budget"]],
      ["prompt-edits", (s) => makeGenerativeStudy(s, 6), [...common, "budget"]],
    ];
    for (const [name, make, expected] of cases) {
      const snapshot = await snapshotOf(make, name);
      const rendered = STUDY_VIEWS.filter((v) => v.render(snapshot) !== null).map((v) => v.id);
      expect(rendered, name).toEqual(expected);
    }
  });

  it("the Pareto view plots quality against dollars and latency and marks each pair's front", async () => {
    const snapshot = await snapshotOf((s) => makeTradeoffStudy(s, 20), "rag-tradeoff");
    const html = STUDY_VIEWS.find((v) => v.id === "pareto")!.render(snapshot)!;
    expect(attr(html, "pareto", "pair")).toEqual(["quality/usd", "quality/latency_ms", "usd/latency_ms"]);
    expect(attr(html, "pareto", "points")).toEqual(["20", "20", "20"]);
    // The quality/usd front is the study's own Pareto set (usd is the second objective).
    const front = Number(attr(html, "pareto", "front")[0]);
    expect(html).toContain(`Pareto set over the objectives (${front} trials)`);
  });

  it("the fidelity view orders levels and counts promotions of one configuration", async () => {
    const snapshot = await snapshotOf((s) => makeMultiFidelityStudy(s, 30), "asha-fidelity");
    expect(fidelityLevels(snapshot.study, snapshot.trials).map((l) => l.label)).toEqual(["10", "30", "90"]);
    const html = STUDY_VIEWS.find((v) => v.id === "fidelity")!.render(snapshot)!;
    const configs = new Map<string, Set<unknown>>();
    for (const t of snapshot.trials) configs.set(JSON.stringify(t.config), (configs.get(JSON.stringify(t.config)) ?? new Set()).add(t.fidelity!.examples));
    const promoted = [...configs.values()].filter((levels) => levels.size > 1).length;
    expect(promoted).toBeGreaterThan(0);
    expect(attr(html, "fidelity", "promotions")).toEqual([String(promoted)]);
  });

  it("the budget view reads the cap and keeps the optimizer's spend apart", async () => {
    const snapshot = await snapshotOf((s) => makeQuadraticStudy(s, 20), "quadratic");
    expect(studyBudget(snapshot.study)).toMatchObject({ trials: 20, costs: { usd: 0.05 } });
    const html = STUDY_VIEWS.find((v) => v.id === "budget")!.render(snapshot)!;
    const trialsUsd = snapshot.trials.reduce((s, t) => s + (t.cost.usd ?? 0), 0);
    expect(html).toContain(`usd: trials spent ${Number(trialsUsd.toPrecision(4))}, the optimizer 0.01`);
    expect(html).toMatch(/<tr><td>usd<\/td><td>[\d.]+<\/td><td>0\.01<\/td>/);
  });
});

describe("studies with little in them", () => {
  it("render every view of an empty study and of a define-by-run study without a declared space", async () => {
    const storage = new MemoryStorage();
    await storage.createStudy({ name: "empty", objectives: [{ name: "value", direction: "minimize" }], space: null });
    const empty = (await readStudySnapshot(storage, "empty"))!;
    expect(historyView.render(empty)).toBe('<p class="empty">No complete trial yet.</p>');
    expect(renderStudyReport(empty)).toContain("No complete trial yet.");

    const { createStudy } = await import("../../src/study/index.js");
    const study = await createStudy({ name: "dbr", storage, direction: "minimize", logger: () => {} });
    await study.optimize((trial) => trial.suggestFloat("lr", 1e-4, 1, { log: true }) + (trial.suggestCategorical("kind", ["a", "b"]) === "a" ? 0 : 1), { budget: { trials: 12 } });
    const snapshot = (await readStudySnapshot(storage, "dbr"))!;
    const parallel = STUDY_VIEWS.find((v) => v.id === "parallel")!.render(snapshot)!;
    expect(parallel).toContain('data-axes="3"');
    expect(STUDY_VIEWS.find((v) => v.id === "importance")!.render(snapshot)).toContain('data-bars="2"');
    expect(queryTrials(snapshot).columns.map((c) => c.key)).toEqual(["number", "state", "value:0", "param:lr", "param:kind", "duration"]);
  });
});

describe("trial table query", () => {
  it("sorts by a value either way, filters by state, comparison or text, and pages", async () => {
    const snapshot = await snapshotOf((s) => makeQuadraticStudy(s, 40), "quadratic");
    const complete = snapshot.trials.filter((t) => t.state === "complete");
    const ascending = queryTrials(snapshot, { sort: "value:0", limit: 1000 }).trials;
    const values = ascending.filter((t) => t.values).map((t) => t.values![0]);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    // Failed trials have no value: last in either order.
    expect(ascending[ascending.length - 1].state).toBe("failed");
    expect(queryTrials(snapshot, { sort: "value:0", order: "desc" }).trials[0].values![0]).toBe(Math.max(...complete.map((t) => t.values![0])));
    expect(queryTrials(snapshot, { state: "failed" }).total).toBe(snapshot.trials.length - complete.length);
    const wide = queryTrials(snapshot, { q: "x > 2" });
    expect(wide.total).toBe(snapshot.trials.filter((t) => (t.config.x as number) > 2).length);
    expect(queryTrials(snapshot, { q: "HYBRID" }).total).toBe(snapshot.trials.filter((t) => t.config.retriever === "hybrid").length);
    const page = queryTrials(snapshot, { offset: 10, limit: 5 });
    expect(page.trials.map((t) => t.number)).toEqual([10, 11, 12, 13, 14]);
    expect(page.total).toBe(40);
  });
});

describe("trial detail", () => {
  it("shows config, values, costs, error and an artifact diff with added and removed lines", async () => {
    const snapshot = await snapshotOf((s) => makeGenerativeStudy(s, 3), "prompt-edits");
    const html = trialDetail(snapshot.trials[1], snapshot.study.objectives);
    expect(html).toContain("Trial 1");
    expect(html).toContain("temperature");
    expect(html).toContain('<span class="add">+Answer briefly and cite the passage (edit 1).</span>');
    expect(html).toContain('<span class="del">-Answer briefly.</span>');
    expect(html).toContain("accuracy went up");
    const failed = (await snapshotOf((s) => makeQuadraticStudy(s, 40), "quadratic")).trials.find((t) => t.state === "failed")!;
    expect(trialDetail(failed, [{ name: "value", direction: "minimize" }])).toMatch(/<h4>Error<\/h4><pre class="error">x out of the model&#39;s range: 4\.\d+/);
  });

  it("escapes what it shows", () => {
    expect(diffBlock("+<script>alert(1)</script>")).toBe('<pre class="diff"><span class="add">+&lt;script&gt;alert(1)&lt;/script&gt;</span></pre>');
  });
});

describe("pairwise Pareto front", () => {
  it("keeps the points nothing beats on both coordinates, duplicates included", () => {
    const points: [number, number][] = [[1, 5], [2, 3], [3, 4], [2, 3], [4, 1], [5, 1], [0, 9]];
    expect(paretoFront2d(points).sort()).toEqual([0, 1, 3, 4, 6]);
  });
});

describe("study report", () => {
  it("is one self-contained HTML file: inline SVG and styles, no script, nothing fetched", async () => {
    const snapshot = await snapshotOf((s) => makeTradeoffStudy(s, 20), "rag-tradeoff");
    const html = renderStudyReport(snapshot, { generatedAt: new Date(0) });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    for (const id of ["history", "pareto", "parallel", "importance", "budget", "trials", "details"]) expect(html).toContain(`id="view-${id}"`);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(count(html, /<tr data-trial="/g)).toBeGreaterThanOrEqual(20);
    expect(html).toContain("Method: <b>PED-ANOVA</b>");
  });
});
