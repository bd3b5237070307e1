import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStorage } from "../../src/storage/index.js";
import { runCli, useTmpDir, writeFiles } from "../helpers/cli.js";

const tmp = useTmpDir();
const pgUrl = process.env.KNOBS_TEST_POSTGRES_URL;
const pgSchema = `knobs_test_delete_${process.pid}`;

const STUDY = "study: gone\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: 'echo 1'}\nbudget: {trials: 4}\nenqueue: [{x: 0.5}]\n";

describe("knobs studies delete", () => {
  const storages: [string, (dir: string) => string][] = [["SQLite", (dir) => `sqlite:${join(dir, "k.db")}`]];
  if (pgUrl) storages.push(["PostgreSQL", () => `${pgUrl}${pgUrl.includes("?") ? "&" : "?"}schema=${pgSchema}`]);

  it.each(storages)("deletes a study and its trials on %s, says what it deleted, and refuses an unknown name", async (_, urlOf) => {
    const dir = tmp();
    const url = urlOf(dir);
    writeFiles(dir, { "study.yaml": STUDY, "keep.yaml": STUDY.replace("study: gone", "study: kept") });
    for (const file of ["study.yaml", "keep.yaml"]) expect((await runCli(["optimize", file, "--storage", url, "--json"], { cwd: dir })).code).toBe(0);

    const run = await runCli(["studies", "delete", "gone", "--storage", url], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Deleted study "gone" and its 4 trials (4 complete) from ${url}.\n`);
    const storage = await openStorage(url, { readOnly: true });
    try {
      expect((await storage.listStudies()).map((s) => s.name)).toEqual(["kept"]);
      expect(await storage.getTrials((await storage.getStudy("kept"))!.id)).toHaveLength(4);
    } finally {
      await storage.close();
    }
    // Running the config again starts the study afresh.
    const again = JSON.parse((await runCli(["optimize", "study.yaml", "--storage", url, "--json"], { cwd: dir })).stdout);
    expect(again.trials.total).toBe(4);

    const unknown = await runCli(["studies", "delete", "nope", "--storage", url, "--json"], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('knobs: no study named "nope" in this storage (studies here: kept, gone)\n');
    const json = await runCli(["studies", "delete", "kept", "--json", "--storage", url], { cwd: dir });
    expect(JSON.parse(json.stdout)).toEqual({ deleted: "kept", trials: 4, complete: 4 });
  });

  it("creates no file for a missing SQLite file, and knows no study in a fresh memory: storage", async () => {
    const dir = tmp();
    const missing = await runCli(["studies", "delete", "s", "--storage", `sqlite:${join(dir, "none.db")}`], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`knobs: cannot open storage "sqlite:${join(dir, "none.db")}": ${join(dir, "none.db")} does not exist\n`);
    expect(existsSync(join(dir, "none.db"))).toBe(false);
    const memory = await runCli(["studies", "delete", "s", "--storage", "memory:"], { cwd: dir });
    expect(memory.code).toBe(2);
    expect(memory.stderr).toBe('knobs: no study named "s" in this storage (this storage has no study)\n');
  });
});

afterAll(async () => {
  if (!pgUrl) return;
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
  await client.end();
});
