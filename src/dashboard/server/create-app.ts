import { Hono, type Context } from "hono";
import type { RunResult } from "../../bench/runner/index.js";
import type { Storage } from "../../storage/index.js";
import { queryTrials, type TrialQuery } from "../model/trial-query.js";
import { stateCounts } from "../model/study-snapshot.js";
import { benchmarkPage } from "../page/benchmark-page.js";
import { pageShell } from "../page/layout.js";
import { studiesPage } from "../page/studies-page.js";
import { studyPageChunks } from "../page/study-page.js";
import { renderViews } from "../page/study-sections.js";
import { escapeHtml } from "../svg/escape.js";
import { trialDetail } from "../views/trial-detail.js";
import { pageText, trialTableHead, trialTableRows } from "../views/trial-table.js";
import { hostGuard } from "./host-guard.js";
import { liveEvents } from "./live-events.js";
import type { StudyCache } from "./study-cache.js";

export interface DashboardAppOptions {
  storage: Storage;
  /** The trials cache the routes read through (shared with whoever warms it). */
  cache: StudyCache;
  /** How the storage is named on the studies page (a URL without credentials). */
  storageLabel: string;
  /** Reads the stored benchmark runs for the benchmark page, or null for none. */
  readResults: (() => RunResult[]) | null;
  resultsLabel: string;
  /** How often live pages poll the storage (ms). */
  liveIntervalMs: number;
  /** Aborted when the dashboard closes: ends the event streams. */
  signal: AbortSignal;
  /** The Host header values answered (e.g. `127.0.0.1:8765`); any other gets 403. Read per request (the port is known once listening). */
  allowedHosts: () => readonly string[];
}

/**
 * The dashboard's routes: pages at `/`, `/studies/:name` and `/bench`; JSON under `/api`
 * (studies, a study, a page of its trials, one trial, its views re-rendered) and the live
 * event stream `/api/studies/:name/events`.
 */
export function createDashboardApp(options: DashboardAppOptions): Hono {
  const app = new Hono();
  const { cache } = options;
  app.use(hostGuard(options.allowedHosts));
  const nav = `<a href="/">Studies</a>${options.readResults ? `<a href="/bench">Benchmark</a>` : ""}`;

  const notFound = async (c: Context, name: string) => {
    const names = (await options.storage.listStudies()).map((s) => s.name);
    const message = `No study named "${name}" in ${options.storageLabel}.${names.length ? ` Studies: ${names.join(", ")}.` : ""}`;
    if (c.req.path.startsWith("/api/")) return c.json({ error: { code: "no_such_study", message } }, 404);
    return c.html(pageShell({ title: "Not found · knobs", nav, body: `<h1>Not found</h1><p>${escapeHtml(message)}</p>` }), 404);
  };

  app.get("/", async (c) => c.html(studiesPage(await cache.all(), { nav, storageLabel: escapeHtml(options.storageLabel) })));

  app.get("/studies/:name", async (c) => {
    const snapshot = await cache.snapshot(c.req.param("name"));
    if (!snapshot) return notFound(c, c.req.param("name"));
    // Streamed: the summary and the table go out before the charts of a large study are drawn.
    return c.body(streamChunks(studyPageChunks(snapshot, { nav })), 200, { "content-type": "text/html; charset=UTF-8" });
  });

  app.get("/bench", (c) => {
    if (!options.readResults) return c.html(pageShell({ title: "Benchmark · knobs", nav, body: `<h1>Benchmark</h1><p class="empty">Start the dashboard with --results &lt;knobs-bench.db&gt; to see benchmark runs.</p>` }), 404);
    return c.html(benchmarkPage(options.readResults(), { nav, source: options.resultsLabel }));
  });

  app.get("/api/studies", async (c) => {
    const snapshots = await cache.all();
    return c.json(snapshots.map((s) => ({ name: s.study.name, objectives: s.study.objectives, trials: s.trials.length, states: stateCounts(s.trials), createdAt: s.study.createdAt })));
  });

  app.get("/api/studies/:name", async (c) => {
    const snapshot = await cache.snapshot(c.req.param("name"));
    if (!snapshot) return notFound(c, c.req.param("name"));
    return c.json({ study: snapshot.study, states: stateCounts(snapshot.trials), trials: snapshot.trials.length, cursor: snapshot.cursor });
  });

  app.get("/api/studies/:name/trials", async (c) => {
    const snapshot = await cache.snapshot(c.req.param("name"));
    if (!snapshot) return notFound(c, c.req.param("name"));
    const query = readTrialQuery(c);
    const page = queryTrials(snapshot, query);
    return c.json({
      total: page.total,
      offset: page.offset,
      limit: page.limit,
      numbers: page.trials.map((t) => t.number),
      text: pageText(page),
      head: trialTableHead(page.columns, query),
      rows: trialTableRows(page.columns, page.trials),
    });
  });

  app.get("/api/studies/:name/trials/:number", async (c) => {
    const snapshot = await cache.snapshot(c.req.param("name"));
    if (!snapshot) return notFound(c, c.req.param("name"));
    const number = Number(c.req.param("number"));
    const trial = snapshot.trials.find((t) => t.number === number);
    if (!trial) return c.json({ error: { code: "no_such_trial", message: `study "${snapshot.study.name}" has no trial ${c.req.param("number")}` } }, 404);
    return c.json({ trial, html: trialDetail(trial, snapshot.study.objectives) });
  });

  app.get("/api/studies/:name/views", async (c) => {
    const snapshot = await cache.snapshot(c.req.param("name"));
    if (!snapshot) return notFound(c, c.req.param("name"));
    return c.json({ cursor: snapshot.cursor, views: renderViews(snapshot) });
  });

  app.get("/api/studies/:name/events", async (c) => {
    const name = c.req.param("name");
    const study = await options.storage.getStudy(name);
    if (!study) return notFound(c, name);
    // A reconnecting EventSource sends the id of the last event it saw: resume from there.
    const cursor = Math.max(Number(c.req.query("cursor")) || 0, Number(c.req.header("last-event-id")) || 0);
    return liveEvents(c, { storage: options.storage, cache, name, studyId: study.id, cursor, intervalMs: options.liveIntervalMs, signal: options.signal });
  });

  app.onError((error, c) => {
    const message = error instanceof Error ? error.message : String(error);
    return c.json({ error: { code: "internal", message } }, 500);
  });
  return app;
}

function readTrialQuery(c: Context): TrialQuery {
  const number = (key: string) => {
    const value = Number(c.req.query(key));
    return Number.isFinite(value) ? value : undefined;
  };
  return {
    sort: c.req.query("sort") || undefined,
    order: c.req.query("order") === "desc" ? "desc" : "asc",
    state: c.req.query("state") || undefined,
    q: c.req.query("q") || undefined,
    offset: number("offset"),
    limit: number("limit"),
  };
}

/** A response body sent chunk by chunk, each drawn only when the previous one has gone out. */
function streamChunks(chunks: Iterator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      // Let the socket flush what is queued before drawing the next chunk.
      await new Promise((resolve) => setImmediate(resolve));
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}
