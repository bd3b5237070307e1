import { readdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { NoSuchStorageError, openStorage, StorageUrlError } from "../../src/storage/index.js";
import { MIGRATIONS } from "../../src/storage/sqlite/migrations.js";
import { SqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { storageSuite } from "./storage-suite.js";
import { fileTmpDir, useTmpDir } from "../helpers/cli.js";

const tmp = useTmpDir();

const dir = fileTmpDir("knobs-sqlite-");
let n = 0;
storageSuite("sqlite", async () => openStorage(`sqlite:${join(dir, `s${n++}.db`)}`));

describe("sqlite storage", () => {
  it("uses WAL and records its schema version", async () => {
    const path = join(dir, "wal.db");
    const storage = new SqliteStorage(path);
    expect(storage.schemaVersion).toBe(MIGRATIONS.length);
    await storage.close();
    const db = new Database(path);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("keeps studies across reopen and refuses a newer schema", async () => {
    const path = join(dir, "reopen.db");
    const a = new SqliteStorage(path);
    await a.createStudy({ name: "kept", objectives: [{ name: "v", direction: "maximize" }], space: null });
    await a.close();
    const b = new SqliteStorage(path);
    expect((await b.getStudy("kept"))?.objectives).toEqual([{ name: "v", direction: "maximize" }]);
    await b.close();
    const db = new Database(path);
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    expect(() => new SqliteStorage(path)).toThrow(/schema version 99, newer than this knobs/);
  });

  it("migrates a version-1 file to the current schema and keeps its trials", async () => {
    const path = join(dir, "v1.db");
    const db = new Database(path);
    db.exec(MIGRATIONS[0]);
    db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', '1')").run();
    db.prepare("INSERT INTO studies (name, objectives, created_at) VALUES ('old', '[{\"name\":\"v\",\"direction\":\"minimize\"}]', 0)").run();
    db.prepare("INSERT INTO trials (study_id, number, state, config, created_at, seq) VALUES (1, 0, 'queued', '{\"x\":1}', 0, 1)").run();
    db.close();
    const storage = new SqliteStorage(path);
    expect(storage.schemaVersion).toBe(MIGRATIONS.length);
    const claimed = await storage.claimQueuedTrial(1, "w", null);
    expect(claimed).toMatchObject({ number: 0, state: "running", config: { x: 1 } });
    await storage.close();
    const check = new Database(path);
    const indexes = check.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'trials'").all() as { name: string }[];
    expect(indexes.map((i) => i.name)).toEqual(expect.arrayContaining(["trials_by_seq", "trials_by_state", "trials_by_worker"]));
    check.close();
  });

  it("opened read-only, creates nothing, writes nothing and leaves no -wal or -shm file", async () => {
    const folder = tmp();
    const path = join(folder, "s.db");
    await expect(openStorage(`sqlite:${path}`, { readOnly: true })).rejects.toThrow(NoSuchStorageError);
    expect(readdirSync(folder)).toEqual([]);
    const writer = new SqliteStorage(path);
    const study = await writer.createStudy({ name: "s", objectives: [{ name: "v", direction: "minimize" }], space: null });
    await writer.createTrial(study.id, { state: "running", config: { x: 1 } });
    const reader = await openStorage(`sqlite:${path}`, { readOnly: true });
    await writer.createTrial(study.id, { state: "running", config: { x: 2 } });
    expect((await reader.getTrials(study.id)).map((t) => t.config)).toEqual([{ x: 1 }, { x: 2 }]);
    await expect(reader.createTrial(study.id, { state: "running", config: {} })).rejects.toThrow(/readonly/);
    await writer.close();
    await reader.close();
    expect(readdirSync(folder)).toEqual(["s.db"]);
    // A file with other tables is not read as knobs' (nor given knobs' tables).
    const other = join(folder, "other.db");
    const db = new Database(other);
    db.exec("CREATE TABLE notes (text TEXT)");
    db.close();
    await expect(openStorage(`sqlite:${other}`, { readOnly: true })).rejects.toThrow(`cannot open storage "sqlite:${other}": ${other} is a SQLite database without knobs studies`);
  });

  it("rejects unknown storage URLs with the expected forms", async () => {
    await expect(openStorage("mysql://x")).rejects.toThrow(StorageUrlError);
    await expect(openStorage("mysql://x")).rejects.toThrow('cannot open storage "mysql://x": expected memory:, sqlite:<file> or postgres://...');
  });
});
