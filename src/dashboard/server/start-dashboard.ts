import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { RunResult } from "../../bench/runner/index.js";
import { openStorage, type Storage } from "../../storage/index.js";
import { allowedHostHeaders, checkAllowedHosts } from "./host-guard.js";

export interface DashboardOptions {
  /** A Storage, or a URL (`sqlite:knobs.db`, `postgres://...`); default `sqlite:knobs.db`. */
  storage?: Storage | string;
  /** A `knobs bench` results file for the benchmark page, or the runs themselves. */
  results?: string | readonly RunResult[];
  /** Interface to listen on; default 127.0.0.1 (this machine only). */
  host?: string;
  /**
   * More host names (or IP addresses) the dashboard answers to, beside 127.0.0.1, localhost,
   * [::1] and `host`; a request whose Host header names anything else gets 403 (a guard
   * against DNS rebinding). Default none.
   */
  allowedHosts?: readonly string[];
  /** Port; default 0 (any free port: read it from `url`). */
  port?: number;
  /** How often live pages poll the storage, in ms (default 500). */
  liveIntervalMs?: number;
}

export interface RunningDashboard {
  /** Where it listens, e.g. `http://127.0.0.1:8765/`. */
  url: string;
  /** Stops listening, ends live streams, and closes what the dashboard opened. */
  close(): Promise<void>;
}

/**
 * Starts the local dashboard over a storage: the studies, each study's live trial table and
 * charts, and (with `results`) the benchmark page. It only reads, so it can watch a study
 * while other processes run it.
 *
 * @example
 * const dashboard = await startDashboard({ storage: "sqlite:knobs.db" });
 * console.log(dashboard.url);
 * // ... later
 * await dashboard.close();
 */
export async function startDashboard(options: DashboardOptions = {}): Promise<RunningDashboard> {
  checkAllowedHosts(options.allowedHosts ?? []);
  // The web server and the results store load only when a dashboard starts.
  const [{ serve }, { createDashboardApp }, { StudyCache }, { ResultsStore }] = await Promise.all([
    import("@hono/node-server"),
    import("./create-app.js"),
    import("./study-cache.js"),
    import("../../bench/runner/index.js"),
  ]);
  const ownsStorage = typeof options.storage !== "object";
  // Read-only: a missing file is an error rather than created, and nothing is migrated.
  const storage = typeof options.storage === "object" ? options.storage : await openStorage(options.storage, { readOnly: true });
  const store = typeof options.results === "string" ? new ResultsStore(options.results, { readOnly: true }) : null;
  const runs = Array.isArray(options.results) ? (options.results as readonly RunResult[]) : null;
  const readResults = store ? () => store.all() : runs ? () => [...runs] : null;
  const closing = new AbortController();
  const cache = new StudyCache(storage);
  const host = options.host ?? "127.0.0.1";
  let allowedHosts: readonly string[] = [];
  const app = createDashboardApp({
    storage,
    cache,
    storageLabel: typeof options.storage === "string" ? redactUrl(options.storage) : ownsStorage ? "sqlite:knobs.db" : "the given storage",
    readResults,
    resultsLabel: typeof options.results === "string" ? options.results : "benchmark runs",
    liveIntervalMs: options.liveIntervalMs ?? 500,
    signal: closing.signal,
    allowedHosts: () => allowedHosts,
  });
  let listening: { server: Server; address: AddressInfo };
  try {
    listening = await new Promise((resolve, reject) => {
      const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 0 }, (info) => resolve({ server, address: info })) as Server;
      server.once("error", reject);
    });
  } catch (error) {
    // E.g. the port is taken: release what was opened for it.
    store?.close();
    if (ownsStorage) await storage.close();
    throw error;
  }
  const { server, address } = listening;
  allowedHosts = allowedHostHeaders(host, address.port, options.allowedHosts ?? []);
  // Read every study's trials now, so the first page someone opens is drawn from a warm cache.
  const warming = cache.all().catch(() => []);
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    async close() {
      closing.abort();
      await warming;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store?.close();
      if (ownsStorage) await storage.close();
    },
  };
}

/** A storage URL without its password, for display. */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
