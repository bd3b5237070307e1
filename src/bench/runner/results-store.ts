import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type Database from "better-sqlite3";
import { openSqliteFile, StorageOpenError } from "../../storage/index.js";
import type { RunKey, RunResult } from "./spec.js";

/**
 * Benchmark results in a SQLite file: one row per finished run (suite, task, optimizer,
 * seed, budget, workers). A run is written whole when it ends, so a killed benchmark
 * loses only the runs in progress and a re-run skips what is stored.
 */
export class ResultsStore {
  private readonly db: Database.Database;

  /**
   * Opens (and creates, with its folder) the results file; `readOnly` opens an existing one
   * without writing to it (`knobs report`, the dashboard), and a missing file is an error.
   */
  constructor(
    readonly path: string,
    options: { readOnly?: boolean } = {},
  ) {
    if (path !== ":memory:" && !options.readOnly) mkdirSync(dirname(path), { recursive: true });
    this.db = openSqliteFile(path, `results file "${path}"`, { readOnly: options.readOnly, timeoutMs: 30_000 }, (db) => {
      if (options.readOnly) {
        if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bench_runs'").get()) {
          throw new StorageOpenError(`results file "${path}"`, `${path} holds no knobs bench runs (it is not a file written by knobs bench)`);
        }
        return;
      }
      db.pragma("journal_mode = WAL");
      db.exec(`CREATE TABLE IF NOT EXISTS bench_runs (
        suite TEXT NOT NULL, task TEXT NOT NULL, optimizer TEXT NOT NULL, seed INTEGER NOT NULL,
        budget TEXT NOT NULL, workers INTEGER NOT NULL, result TEXT NOT NULL, created_at INTEGER NOT NULL,
        PRIMARY KEY (suite, task, optimizer, seed, budget, workers))`);
    });
  }

  has(key: RunKey, budget: Record<string, number>, workers: number): boolean {
    return !!this.db
      .prepare("SELECT 1 FROM bench_runs WHERE suite = ? AND task = ? AND optimizer = ? AND seed = ? AND budget = ? AND workers = ?")
      .get(key.suite, key.task, key.optimizer, key.seed, budgetKey(budget), workers);
  }

  save(result: RunResult): void {
    this.db
      .prepare("INSERT OR REPLACE INTO bench_runs (suite, task, optimizer, seed, budget, workers, result, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(result.suite, result.task, result.optimizer, result.seed, budgetKey(result.budget), result.workers, JSON.stringify(result), Date.now());
  }

  /** Every stored run, optionally of one suite, in a stable order. */
  all(suite?: string): RunResult[] {
    const rows = (
      suite === undefined
        ? this.db.prepare("SELECT result FROM bench_runs ORDER BY suite, task, optimizer, seed").all()
        : this.db.prepare("SELECT result FROM bench_runs WHERE suite = ? ORDER BY task, optimizer, seed").all(suite)
    ) as { result: string }[];
    return rows.map((row) => JSON.parse(row.result) as RunResult);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** A budget as a canonical string: `trials=50`, `usd=2,trials=100`. */
export function budgetKey(budget: Record<string, number>): string {
  return Object.keys(budget)
    .sort()
    .map((k) => `${k}=${budget[k]}`)
    .join(",");
}
