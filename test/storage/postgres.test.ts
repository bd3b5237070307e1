import { createServer, connect, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openStorage, StorageOpenError, StorageUrlError, TrialLimitReachedError, TrialNotRunningError } from "../../src/storage/index.js";
import { MIGRATIONS } from "../../src/storage/postgres/migrations.js";
import { tableNames } from "../../src/storage/postgres/table-names.js";
import { PostgresStorage, StorageUnavailableError, type PostgresStorageOptions } from "../../src/storage/postgres/index.js";
import { parsePostgresUrl, redact } from "../../src/storage/postgres/postgres-url.js";
import { storageSuite } from "./storage-suite.js";

/**
 * PostgreSQL storage tests. They need a server: `eval "$(scripts/postgres-for-tests.sh start)"`
 * sets KNOBS_TEST_POSTGRES_URL. Each storage gets its own schema, dropped at the end.
 */
const url = process.env.KNOBS_TEST_POSTGRES_URL;
const objectives = [{ name: "value", direction: "minimize" as const }];

describe("postgres URLs", () => {
  it("takes knobs' parameters out of the URL and passes the rest on", () => {
    expect(parsePostgresUrl("postgres://u:pw@db.example:6543/knobs?schema=tuning&sslmode=require&pool_size=4")).toEqual({
      connectionString: "postgres://u:pw@db.example:6543/knobs?sslmode=require",
      schema: "tuning",
      poolSize: 4,
      prepare: true,
      server: "db.example:6543/knobs",
      user: "u",
    });
    expect(parsePostgresUrl("postgres://h/db?prepare=false&application_name=x")).toMatchObject({ connectionString: "postgres://h/db?application_name=x", prepare: false });
    expect(parsePostgresUrl("postgresql://localhost/db")).toMatchObject({ connectionString: "postgresql://localhost/db", schema: null, poolSize: null, server: "localhost:5432/db", user: null });
    expect(parsePostgresUrl("postgres://[::1]:6000/db?user=knobs")).toMatchObject({ server: "[::1]:6000/db", user: "knobs" });
    expect(parsePostgresUrl("postgres://knobs@/db?host=/var/run/postgresql")).toMatchObject({ server: "localhost:5432/db", user: "knobs" });
  });

  it("rejects a bad schema or pool size without printing the password", () => {
    expect(() => parsePostgresUrl("postgres://u:secret@h/db?schema=Bad-Name")).toThrow(
      'cannot open storage "postgres://u:***@h/db?schema=Bad-Name": schema "Bad-Name" must be a lower-case SQL name (letters, digits, _; at most 63 characters)',
    );
    expect(() => parsePostgresUrl("postgres://h/db?pool_size=0")).toThrow(StorageUrlError);
    expect(() => parsePostgresUrl("postgres://h/db?prepare=maybe")).toThrow('cannot open storage "postgres://h/db?prepare=maybe": prepare must be true or false, got "maybe"');
    expect(redact("postgres://user:p%40ss@host/db")).toBe("postgres://user:***@host/db");
    expect(() => parsePostgresUrl("postgres://u:secret@[::1:5432/db")).toThrow('cannot open storage "postgres://u:***@[::1:5432/db": not a valid URL');
  });
});

if (!url) {
  const how = 'eval "$(scripts/postgres-for-tests.sh start)" sets it';
  if (process.env.CI) {
    describe("postgres storage", () => {
      it("has a server to test against", () => {
        throw new Error(`KNOBS_TEST_POSTGRES_URL is not set in CI, so PostgreSQL storage is untested: ${how}; run it before the tests`);
      });
    });
  } else {
    console.warn(`postgres storage tests skipped: KNOBS_TEST_POSTGRES_URL is not set (${how})`);
    describe.skip(`postgres storage (skipped: KNOBS_TEST_POSTGRES_URL is not set; ${how})`, () => {
      it("conformance suite", () => {});
    });
  }
} else {
  postgresTests(url);
}

function postgresTests(url: string): void {
  const run = `${process.pid}_${Date.now().toString(36)}`;
  const schemas: string[] = [];
  let count = 0;
  const freshSchema = () => {
    const schema = `knobs_test_${run}_${count++}`;
    schemas.push(schema);
    return schema;
  };
  const open = (schema: string, options: PostgresStorageOptions = {}, at = url) => PostgresStorage.open(at, { schema, ...options });
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };

  afterAll(async () => {
    await admin(async (client) => {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    });
  });

  // Through openStorage, so the URL mapping is tested too.
  storageSuite("postgres", async () => openStorage(`${url}${url.includes("?") ? "&" : "?"}schema=${freshSchema()}`));

  describe("postgres storage", () => {
    it("creates its tables on first use and records the schema version", async () => {
      const schema = freshSchema();
      const storage = new PostgresStorage(url, { schema });
      expect(await storage.schemaVersion()).toBe(0);
      expect(await storage.listStudies()).toEqual([]);
      expect(await storage.schemaVersion()).toBe(MIGRATIONS.length);
      const { tables, indexes } = await admin(async (client) => ({
        tables: (await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", [schema])).rows.map((r) => r.table_name),
        indexes: (await client.query("SELECT indexname FROM pg_indexes WHERE schemaname = $1", [schema])).rows.map((r) => r.indexname),
      }));
      expect(tables).toEqual(["knobs_schema_version", "knobs_studies", "knobs_trials"]);
      expect(indexes).toEqual(expect.arrayContaining(["knobs_trials_by_seq", "knobs_trials_queued", "knobs_trials_running", "knobs_trials_running_by_worker"]));
      await storage.close();
    });

    it("keeps studies across reopen and refuses a newer schema", async () => {
      const schema = freshSchema();
      const a = await open(schema);
      await a.createStudy({ name: "kept", objectives: [{ name: "v", direction: "maximize" }], space: null });
      await a.close();
      const b = await open(schema);
      expect((await b.getStudy("kept"))?.objectives).toEqual([{ name: "v", direction: "maximize" }]);
      await b.close();
      await admin((client) => client.query(`UPDATE "${schema}".knobs_schema_version SET version = 99`));
      await expect(open(schema)).rejects.toThrow(`has knobs schema version 99, newer than this knobs (${MIGRATIONS.length}): upgrade knobs`);
    });

    it("migrates a version-1 schema, counting the trials its studies had started for trial limits", async () => {
      const schema = freshSchema();
      const t = tableNames(schema);
      await admin(async (client) => {
        await client.query(`CREATE SCHEMA "${schema}"`);
        await client.query(MIGRATIONS[0](t));
        await client.query(`UPDATE ${t.version} SET version = 1`);
        await client.query(`INSERT INTO ${t.studies} (id, name, objectives, next_number, created_at) VALUES (1, 'old', '[]', 3, 0)`);
        for (const [number, state] of [[0, "complete"], [1, "running"], [2, "queued"]] as const) {
          await client.query(`INSERT INTO ${t.trials} (study_id, number, state, config, created_at, seq) VALUES (1, $1, $2, '{}', 0, nextval('${t.changeSeq}'))`, [number, state]);
        }
      });
      const storage = await open(schema);
      expect(await storage.schemaVersion()).toBe(MIGRATIONS.length);
      // Two started (the queued one is not): a limit of 3 lets one more start, then refuses.
      await storage.createTrial(1, { state: "running", config: {}, trialLimit: 3 });
      await expect(storage.claimQueuedTrial(1, "w", null, { trialLimit: 3 })).rejects.toBeInstanceOf(TrialLimitReachedError);
      await storage.close();
    });

    it("opened read-only, creates no schema or table, reads an empty database as no study, and writes nothing", async () => {
      const schema = freshSchema();
      const reader = await open(schema, { readOnly: true });
      expect(await reader.listStudies()).toEqual([]);
      expect(await reader.getStudy("x")).toBeNull();
      expect(await admin(async (client) => (await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount)).toBe(0);
      await reader.close();
      const writer = await open(schema);
      await writer.createStudy({ name: "kept", objectives, space: null });
      const again = await open(schema, { readOnly: true });
      expect((await again.listStudies()).map((s) => s.name)).toEqual(["kept"]);
      await expect(again.createStudy({ name: "other", objectives, space: null })).rejects.toThrow(/read-only transaction/);
      await Promise.all([writer.close(), again.close()]);
    });

    it("names the URL, not the password, when the server refuses the login", async () => {
      const target = new URL(url);
      target.username = "no_such_role";
      target.password = "secret";
      const error = await open(freshSchema(), {}, target.toString()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageOpenError);
      expect((error as Error).message).toBe(`cannot open storage "${target.toString().replace(":secret@", ":***@")}": the server refused the login: role "no_such_role" does not exist`);
    });

    it("prepares its statements on each connection, unless the URL says prepare=false", async () => {
      const prepared = async (prepare: string) => {
        const storage = await PostgresStorage.open(`${url}${url.includes("?") ? "&" : "?"}pool_size=1&prepare=${prepare}`, { schema: freshSchema() });
        const study = await storage.createStudy({ name: "p", objectives, space: null });
        const trial = await storage.createTrial(study.id, { state: "running", config: { x: 1 } });
        await storage.finishTrial(trial.id, { state: "complete", values: [1] });
        // One connection in the pool, so this runs in the session that ran the statements above.
        const pool = (storage as unknown as { db: { pool: pg.Pool } }).db.pool;
        const { rows } = await pool.query("SELECT name FROM pg_prepared_statements WHERE name LIKE 'knobs\\_%'");
        await storage.close();
        return rows.length;
      };
      expect(await prepared("true")).toBeGreaterThanOrEqual(3);
      expect(await prepared("false")).toBe(0);
    });

    it("keeps another client's update when this client finishes the trial it created", async () => {
      const schema = freshSchema();
      const [a, b] = [await open(schema), await open(schema)];
      const study = await a.createStudy({ name: "two-writers", objectives, space: null });
      const trial = await a.createTrial(study.id, { state: "running", config: { x: 1 } });
      await a.updateTrial(trial.id, { userAttrs: { from: "a" } });
      await b.updateTrial(trial.id, { userAttrs: { also: "b" }, intermediate: { 1: 0.5 } });
      const finished = await a.finishTrial(trial.id, { state: "complete", values: [2], cost: { usd: 1 } });
      expect(finished).toMatchObject({ userAttrs: { from: "a", also: "b" }, intermediate: { 1: 0.5 }, values: [2] });
      expect(await b.getTrial(study.id, 0)).toMatchObject({ state: "complete", userAttrs: { from: "a", also: "b" }, intermediate: { 1: 0.5 }, cost: { usd: 1 } });
      await Promise.all([a.close(), b.close()]);
    });

    it("gives 8 clients creating 100 trials each on one study the numbers 0..799, once each", async () => {
      const schema = freshSchema();
      // Eight pools opened at once also race to create the schema: the advisory lock serialises them.
      const clients = await Promise.all(Array.from({ length: 8 }, () => open(schema, { poolSize: 4 })));
      const study = (await clients[0].createStudy({ name: "shared", objectives, space: null })).id;
      const created = await Promise.all(
        clients.map(async (client, c) => {
          const numbers: number[] = [];
          // Four requests in flight per client.
          await Promise.all(
            Array.from({ length: 4 }, async (_, lane) => {
              for (let i = lane; i < 100; i += 4) numbers.push((await client.createTrial(study, { state: "running", config: { c, i } })).number);
            }),
          );
          return numbers;
        }),
      );
      const all = created.flat().sort((x, y) => x - y);
      expect(all).toEqual(Array.from({ length: 800 }, (_, i) => i));
      const stored = await clients[0].getTrials(study);
      expect(stored.map((t) => t.number)).toEqual(all);
      expect(new Set(stored.map((t) => `${t.config.c}/${t.config.i}`)).size).toBe(800);
      await Promise.all(clients.map((client) => client.close()));
    });

    it("lets 4 clients claim 50 queued trials, each exactly once", async () => {
      const schema = freshSchema();
      const clients = await Promise.all(Array.from({ length: 4 }, () => open(schema, { poolSize: 3 })));
      const study = (await clients[0].createStudy({ name: "queue", objectives, space: null })).id;
      for (let i = 0; i < 50; i++) await clients[0].createTrial(study, { state: "queued", config: { i } });
      const claims = await Promise.all(
        clients.map(async (client, c) => {
          const mine: number[] = [];
          await Promise.all(
            Array.from({ length: 3 }, async () => {
              for (;;) {
                const trial = await client.claimQueuedTrial(study, `w${c}`, Date.now());
                if (!trial) return;
                expect(trial).toMatchObject({ state: "running", workerId: `w${c}` });
                mine.push(trial.number);
              }
            }),
          );
          return mine;
        }),
      );
      const all = claims.flat().sort((x, y) => x - y);
      expect(all).toEqual(Array.from({ length: 50 }, (_, i) => i));
      const stored = await clients[0].getTrials(study);
      for (const [c, mine] of claims.entries()) for (const n of mine) expect(stored[n].workerId).toBe(`w${c}`);
      expect(stored.every((t) => t.state === "running")).toBe(true);
      await Promise.all(clients.map((client) => client.close()));
    });

    it("never lets a reader following the change cursor miss a change while others write", async () => {
      const schema = freshSchema();
      const writers = await Promise.all(Array.from({ length: 4 }, () => open(schema, { poolSize: 4 })));
      const reader = await open(schema);
      const study = (await writers[0].createStudy({ name: "feed", objectives, space: null })).id;
      const seen = new Map<number, string>();
      let cursor = 0;
      const follow = async () => {
        const changed = await reader.getTrialsChangedSince(study, cursor);
        for (const trial of changed.trials) seen.set(trial.number, `${trial.state}:${JSON.stringify(trial.userAttrs)}:${JSON.stringify(trial.values)}`);
        cursor = changed.cursor;
      };
      let writing = true;
      const following = (async () => {
        while (writing) await follow();
      })();
      await Promise.all(
        writers.flatMap((writer, w) =>
          Array.from({ length: 4 }, async (_, lane) => {
            for (let i = 0; i < 15; i++) {
              const trial = await writer.createTrial(study, { state: "running", config: { w, lane, i } });
              await writer.updateTrial(trial.id, { userAttrs: { step: 1 } });
              await writer.finishTrial(trial.id, { state: "complete", values: [w + i / 100] });
            }
          }),
        ),
      );
      writing = false;
      await following;
      await follow();
      const stored = await reader.getTrials(study);
      expect(stored.length).toBe(240);
      for (const trial of stored) expect(seen.get(trial.number)).toBe(`complete:{"step":1}:${JSON.stringify(trial.values)}`);
      await Promise.all([...writers, reader].map((client) => client.close()));
    });

    it("settles a finish racing the stale-trial check one way: complete, or failed and re-queued", async () => {
      const schema = freshSchema();
      const [worker, reaper] = await Promise.all([open(schema, { poolSize: 2 }), open(schema)]);
      const study = (await worker.createStudy({ name: "race", objectives, space: null })).id;
      const trials = [];
      for (let i = 0; i < 30; i++) trials.push(await worker.createTrial(study, { state: "running", config: { i }, workerId: "w", heartbeat: 1 }));
      const finishing = trials.map((trial) => worker.finishTrial(trial.id, { state: "complete", values: [trial.number] }));
      // The reaper starts once the first finish is through, so the two overlap.
      await Promise.race(finishing);
      const [finishes, reaped] = await Promise.all([
        Promise.allSettled(finishing),
        Promise.all(Array.from({ length: 5 }, () => reaper.failStaleTrials(study, { now: 10_000, timeoutMs: 1000, maxRetries: 1 }))),
      ]);
      const failedByReaper = new Set(reaped.flat().map((t) => t.number));
      const stored = await reaper.getTrials(study);
      for (const [i, outcome] of finishes.entries()) {
        if (outcome.status === "fulfilled") {
          expect(stored[i]).toMatchObject({ state: "complete", values: [i] });
          expect(failedByReaper.has(i)).toBe(false);
        } else {
          expect(outcome.reason).toBeInstanceOf(TrialNotRunningError);
          expect(stored[i].state).toBe("failed");
          expect(failedByReaper.has(i)).toBe(true);
        }
      }
      const retries = stored.filter((t) => t.state === "queued");
      expect(retries.map((t) => t.systemAttrs.retriedFrom as number).sort((a, b) => a - b)).toEqual([...failedByReaper].sort((a, b) => a - b));
      expect(stored.length).toBe(30 + failedByReaper.size);
      await Promise.all([worker.close(), reaper.close()]);
    });

    describe("when the connection breaks", () => {
      it("returns the stored result when the connection drops after a finish committed", async () => {
        const proxy = await FaultyProxy.start(url);
        const storage = await open(freshSchema(), {}, proxy.url);
        const study = (await storage.createStudy({ name: "drop", objectives, space: null })).id;
        const trial = await storage.createTrial(study, { state: "running", config: { x: 1 } });
        proxy.dropReplyTo("WITH target AS"); // the statement that writes the finished trial
        const finished = await storage.finishTrial(trial.id, { state: "complete", values: [0.25], cost: { usd: 1 } });
        expect(proxy.dropped).toBe(1);
        expect(finished).toMatchObject({ number: 0, state: "complete", values: [0.25], cost: { usd: 1 } });
        expect(await storage.getTrial(study, 0)).toMatchObject({ state: "complete", values: [0.25] });
        // Only the retry of the same call is taken as done; a second tell is still an error.
        await expect(storage.finishTrial(trial.id, { state: "complete", values: [0.25] })).rejects.toBeInstanceOf(TrialNotRunningError);
        await storage.close();
        await proxy.close();
      });

      it("does not create or claim a trial twice when the reply is lost", async () => {
        const proxy = await FaultyProxy.start(url);
        const storage = await open(freshSchema(), {}, proxy.url);
        const study = (await storage.createStudy({ name: "drop", objectives, space: null })).id;
        proxy.dropReplyTo("INSERT INTO");
        const created = await storage.createTrial(study, { state: "queued", config: { x: 1 } });
        expect(proxy.dropped).toBe(1);
        expect(created.number).toBe(0);
        proxy.dropReplyTo("SKIP LOCKED");
        const claimed = await storage.claimQueuedTrial(study, "w1", 5);
        expect(proxy.dropped).toBe(2);
        expect(claimed).toMatchObject({ number: 0, state: "running", workerId: "w1" });
        expect(await storage.claimQueuedTrial(study, "w2", 5)).toBeNull();
        expect((await storage.getTrials(study)).length).toBe(1);
        proxy.dropReplyTo("COMMIT");
        await storage.addOptimizerCost(study, { usd: 0.5 });
        expect(proxy.dropped).toBe(3);
        expect((await storage.getStudy("drop"))?.optimizerCost).toEqual({ usd: 0.5 });
        await storage.close();
        await proxy.close();
      });

      it("waits for a server that refuses connections for a while", async () => {
        const proxy = await FaultyProxy.start(url);
        const storage = await open(freshSchema(), {}, proxy.url);
        const study = (await storage.createStudy({ name: "down", objectives, space: null })).id;
        proxy.cutAll();
        proxy.refuseFor(400);
        const trial = await storage.createTrial(study, { state: "running", config: {} });
        expect(proxy.refused).toBeGreaterThan(0);
        expect(trial.number).toBe(0);
        await storage.close();
        await proxy.close();
      });

      it("gives up with StorageUnavailableError, naming the server but not the password", async () => {
        const proxy = await FaultyProxy.start(url);
        proxy.refuseFor(60_000);
        const target = new URL(proxy.url);
        target.username = "knobs";
        target.password = "secret";
        const error = await open(freshSchema(), { retry: { attempts: 3, baseDelayMs: 1 } }, target.toString()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StorageUnavailableError);
        expect(error).toMatchObject({ code: "storage_unavailable", attempts: 3, isRetryable: true, server: `127.0.0.1:${proxy.port}/${new URL(url).pathname.slice(1)}` });
        expect(String((error as Error).message)).not.toContain("secret");
        await proxy.close();
      });
    });
  });
}

/**
 * A TCP proxy in front of the test server that breaks connections on cue: it can pass a
 * statement to the server and then cut the connection before the client hears back (the
 * write committed; the client cannot know), or refuse new connections for a while.
 */
class FaultyProxy {
  dropped = 0;
  refused = 0;
  private readonly sockets = new Set<Socket>();
  private trigger: string | null = null;
  private refuseUntil = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<FaultyProxy> {
    const upstream = new URL(target);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    const url = new URL(target);
    url.hostname = "127.0.0.1";
    url.port = String(port);
    const proxy = new FaultyProxy(server, port, url.toString());
    server.on("connection", (client) => proxy.accept(client, upstream.hostname, Number(upstream.port || 5432)));
    return proxy;
  }

  /** The next statement containing `text` runs, and its reply is never delivered. */
  dropReplyTo(text: string): void {
    this.trigger = text;
  }

  /** Cuts every open connection (as a server restart would). */
  cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** Closes new connections at once for `ms` milliseconds. */
  refuseFor(ms: number): void {
    this.refuseUntil = Date.now() + ms;
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: Socket, host: string, port: number): void {
    if (Date.now() < this.refuseUntil) {
      this.refused++;
      client.destroy();
      return;
    }
    const server = connect(port, host);
    this.sockets.add(client).add(server);
    let armed = false;
    client.on("data", (chunk) => {
      if (this.trigger !== null && chunk.includes(this.trigger)) {
        this.trigger = null;
        armed = true;
      }
      server.write(chunk);
    });
    server.on("data", (chunk) => {
      // ReadyForQuery ('Z', length 5) ends the reply: the statement has committed by then.
      if (armed && chunk.includes(Buffer.from([0x5a, 0, 0, 0, 5]))) {
        this.dropped++;
        client.destroy();
        server.destroy();
        return;
      }
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      server.destroy();
      this.sockets.delete(client);
      this.sockets.delete(server);
    };
    client.on("close", close).on("error", close);
    server.on("close", close).on("error", close);
  }
}

