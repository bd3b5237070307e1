/**
 * A trial budget shared by many processes is exact: however the asks of eight processes
 * interleave, the study starts exactly `budget.trials` trials. Repeated, because the race
 * it guards against (two processes both seeing one trial left) shows in some rounds only.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage } from "../../src/storage/index.js";

const WORKER = join(import.meta.dirname, "fixtures", "budget-worker.ts");
const PROCESSES = 8;
const ROUNDS = 8;
const BUDGET = 60;

function sharedBudgetSuite(name: string, storageUrl: () => string): void {
  describe(`a trial budget shared by ${PROCESSES} processes on ${name}`, () => {
    let children: ChildProcess[] = [];
    beforeAll(async () => {
      children = Array.from({ length: PROCESSES }, () => fork(WORKER, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] }));
      await Promise.all(children.map((child) => reply(child)));
    });
    afterAll(() => {
      for (const child of children) child.kill();
    });

    it(`starts exactly ${BUDGET} trials, in each of ${ROUNDS} rounds`, async () => {
      const url = storageUrl();
      const started: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const study = `budget-${round}`;
        // Created here: processes that all find no study would race to create it.
        const storage = await openStorage(url);
        await storage.createStudy({ name: study, objectives: [{ name: "value", direction: "minimize" }], space: { x: { type: "float", low: 0, high: 1 } } });
        const replies = await Promise.all(children.map((child) => ask(child, { url, study, trials: BUDGET, concurrency: 2 })));
        const trials = await storage.getTrials((await storage.getStudy(study))!.id);
        await storage.close();
        for (const answer of replies) expect(answer.error).toBeUndefined();
        expect(trials.every((t) => t.state === "complete")).toBe(true);
        expect(replies.reduce((sum, answer) => sum + (answer.complete ?? 0), 0)).toBe(trials.length);
        started.push(trials.length);
      }
      expect(started).toEqual(Array(ROUNDS).fill(BUDGET));
    });
  });
}

function reply(child: ChildProcess): Promise<{ complete?: number; error?: string }> {
  return new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`budget worker exited with ${code}`)));
  });
}

function ask(child: ChildProcess, round: { url: string; study: string; trials: number; concurrency: number }) {
  const answer = reply(child);
  child.send(round);
  return answer;
}

const dir = mkdtempSync(join(tmpdir(), "knobs-budget-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
sharedBudgetSuite("SQLite", () => `sqlite:${join(dir, "budget.db")}`);

const url = process.env.KNOBS_TEST_POSTGRES_URL;
const schema = `knobs_test_budget_${process.pid}_${Date.now().toString(36)}`;
if (url) {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });
}
describe.skipIf(!url)("on PostgreSQL", () => {
  sharedBudgetSuite("PostgreSQL", () => `${url}${url!.includes("?") ? "&" : "?"}schema=${schema}&pool_size=3`);
});
