/**
 * A PostgreSQL outage longer than the storage's retry window and than the heartbeat timeout,
 * while three processes run one study: every process rides it out, tells the trials it
 * finished meanwhile once the server is back, and none fails another's trials.
 */
import { spawn } from "node:child_process";
import pg from "pg";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { float } from "../../src/space/index.js";
import { openStorage } from "../../src/storage/index.js";
import { createStudy } from "../../src/study/index.js";
import { CLI, useTmpDir, writeFiles } from "../helpers/cli.js";
import { FaultyProxy } from "../helpers/faulty-proxy.js";

const url = process.env.KNOBS_TEST_POSTGRES_URL;
const schema = `knobs_test_outage_${process.pid}_${Date.now().toString(36)}`;
const tmp = useTmpDir();
const TRIALS = 40;
const OUTAGE_MS = 12_000;

const OBJECTIVE = `let input = "";
process.stdin.on("data", (d) => (input += d)).on("end", () => {
  const { config } = JSON.parse(input);
  setTimeout(() => console.log(JSON.stringify({ values: { loss: (config.x - 0.3) ** 2 } })), 1000);
});
`;

describe.skipIf(!url)("a PostgreSQL outage while workers run", () => {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it(`is survived by every process: ${OUTAGE_MS / 1000} s outage, heartbeat timeout 5 s`, async () => {
    const proxy = await FaultyProxy.start(url!);
    onTestFinished(() => proxy.close());
    const through = `${proxy.url}${proxy.url.includes("?") ? "&" : "?"}schema=${schema}`;
    const direct = `${url}${url!.includes("?") ? "&" : "?"}schema=${schema}`;
    const dir = tmp();
    writeFiles(dir, {
      "objective.js": OBJECTIVE,
      "study.yaml": [
        "study: outage",
        `storage: "${through}"`,
        "objectives: [{name: loss, direction: minimize}]",
        "space: {x: {type: float, low: 0, high: 1}}",
        "objective: {command: node objective.js}",
        "optimizer: {name: random, seed: 0}",
        `budget: {trials: ${TRIALS}}`,
        "concurrency: 2",
        "heartbeat: {interval: 1s, timeout: 5s}",
      ].join("\n"),
    });
    const processes: { stdout: string; stderr: string; exit: Promise<number | null> }[] = [];
    const start = (args: string[]) => {
      const child = spawn(process.execPath, [CLI, ...args, "--json"], { cwd: dir });
      onTestFinished(() => void (child.exitCode === null && child.kill("SIGKILL")));
      const out = { stdout: "", stderr: "", exit: new Promise<number | null>((resolve) => child.on("exit", resolve)) };
      child.stdout.on("data", (chunk: Buffer) => (out.stdout += chunk));
      child.stderr.on("data", (chunk: Buffer) => (out.stderr += chunk));
      processes.push(out);
    };
    const storage = await openStorage(direct);
    onTestFinished(() => storage.close());
    const trials = async () => {
      const study = await storage.getStudy("outage");
      return study ? storage.getTrials(study.id) : [];
    };
    const until = async (done: () => Promise<boolean>) => {
      while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 100));
    };

    start(["optimize", "study.yaml"]);
    await until(async () => (await trials()).length > 0);
    start(["worker", "--storage", through, "--study", "outage"]);
    start(["worker", "--storage", through, "--study", "outage"]);
    // Once each of the three processes has finished a trial (all are past opening the storage).
    await until(async () => new Set((await trials()).filter((t) => t.state === "complete").map((t) => t.workerId)).size === 3);
    // The outage: every connection cut, new ones refused, while trials are in flight.
    proxy.cutAll();
    proxy.refuseFor(OUTAGE_MS);

    const codes = await Promise.all(processes.map((p) => p.exit));
    const stderr = processes.map((p) => p.stderr).join("");
    expect(codes, stderr).toEqual([0, 0, 0]);
    expect(proxy.refused).toBeGreaterThan(0);
    expect(stderr).toContain("storage unavailable");
    expect(stderr).toContain("storage is back after");
    expect(stderr).not.toMatch(/not running|Cannot use a pool|heartbeat failed|failed another|finished here after/);
    // Nobody died, so no trial was failed as stale; the budget holds exactly.
    const all = await trials();
    expect(all.map((t) => t.state)).toEqual(Array(TRIALS).fill("complete"));
    const ran = processes.map((p) => (JSON.parse(p.stdout) as { run: { complete: number } }).run.complete);
    expect(ran.reduce((sum, n) => sum + n, 0)).toBe(TRIALS);
  }, 120_000);
});

describe("a result for a trial another worker failed meanwhile", () => {
  it("is reported on the study's log with the result, and the loop goes on", async () => {
    const log: string[] = [];
    const study = await createStudy({ name: "late", storage: "memory:", space: { x: float(0, 1) }, direction: "minimize", logger: (m) => log.push(m) });
    const summary = await study.optimize(
      async (trial) => {
        // Another worker, cut off from this one's heartbeats, takes trial 1 as dead.
        if (trial.number === 1) await study.storage.failStaleTrials(study.id, { now: Date.now(), timeoutMs: 0, maxRetries: 0, deadWorkers: [study.workerId] });
        return 0.5;
      },
      { budget: { trials: 3 } },
    );
    expect(summary).toMatchObject({ complete: 2, failed: 0 });
    expect(study.trials.map((t) => t.state)).toEqual(["complete", "failed", "complete"]);
    expect(log.filter((m) => m.includes("trial 1 finished here"))).toEqual([
      `trial 1 finished here after another worker had failed it (${study.trials[1].error}); its result is not stored: 0.5`,
    ]);
  });
});
