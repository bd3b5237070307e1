/**
 * Storage URLs and files a user gets wrong are user errors (exit 2) naming the URL or file,
 * never an internal error and never the password; commands that only read create nothing.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, useTmpDir, writeFiles } from "../helpers/cli.js";

const tmp = useTmpDir();
const pgUrl = process.env.KNOBS_TEST_POSTGRES_URL;

/** Nine aliases of nine aliases of ... (9^9 strings): the "billion laughs" of YAML. */
const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ..."bcdefghi".split("").map((name, i) => `${name}: &${name} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`),
  "study: bomb",
  "",
].join("\n");

describe("storage a user got wrong", () => {
  it.each([
    ["a folder that does not exist", (dir: string) => `sqlite:${join(dir, "nonexistent", "x.db")}`, (dir: string) => `the folder ${join(dir, "nonexistent")} does not exist`],
    ["a folder given as the file", (dir: string) => `sqlite:${join(dir, "folder")}`, (dir: string) => `${join(dir, "folder")} is a folder, not a SQLite file`],
    ["a file that is not a database", (dir: string) => `sqlite:${join(dir, "notes.db")}`, (dir: string) => `${join(dir, "notes.db")} is not a SQLite database`],
  ])("is a user error naming the file: %s", async (_, url, reason) => {
    const dir = tmp();
    mkdirSync(join(dir, "folder"));
    writeFileSync(join(dir, "notes.db"), "these are notes, not a database; ".repeat(10));
    for (const args of [["studies"], ["best", "s"], ["trials", "s"]]) {
      const run = await runCli([...args, "--storage", url(dir)], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`knobs: cannot open storage "${url(dir)}": ${reason(dir)}\n`);
    }
    // A study run on it says the same.
    writeFiles(dir, { "study.yaml": `study: s\nstorage: ${url(dir)}\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: "echo 1"}\n` });
    const optimize = await runCli(["optimize", "study.yaml"], { cwd: dir });
    expect(optimize.code).toBe(2);
    expect(optimize.stderr).toBe(`knobs: cannot open storage "${url(dir)}": ${reason(dir)}\n`);
  });

  it("rejects a malformed IPv6 URL without printing its password", async () => {
    const dir = tmp();
    for (const url of ["postgres://knobs:s3cret@[::1:5432/knobs", "postgres://knobs:s3cret@[zz::1]:5432/knobs"]) {
      const run = await runCli(["studies", "--storage", url], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `knobs: cannot open storage "${url.replace(":s3cret@", ":***@")}": not a valid URL (expected postgres://user:password@host:port/database; an IPv6 host goes in brackets, postgres://user@[::1]:5432/database)\n`,
      );
    }
  });

  it("asks for a user name when neither the URL nor PGUSER / USER gives one", async () => {
    const dir = tmp();
    const run = await runCli(["studies", "--storage", "postgres://127.0.0.1:1/knobs"], { cwd: dir, env: { USER: "", PGUSER: "" } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('knobs: cannot open storage "postgres://127.0.0.1:1/knobs": no user name: put one in the URL (postgres://USER@host:port/database) or set PGUSER\n');
  });

  it("refuses a YAML alias bomb in a study config", async () => {
    const dir = tmp();
    writeFiles(dir, { "bomb.yaml": BILLION_LAUGHS });
    const run = await runCli(["optimize", "bomb.yaml"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("knobs: bomb.yaml: malformed YAML: its aliases expand too much (at most 100 alias uses are read)\n");
  });

  describe.skipIf(!pgUrl)("on a PostgreSQL server", () => {
    const server = pgUrl ? new URL(pgUrl) : null;
    const at = (user: string, database = server!.pathname.slice(1)) => `postgres://${user}@${server!.host}/${database}`;

    it("says the server refused an unknown role, naming the URL without its password", async () => {
      const dir = tmp();
      const url = at("nosuchrole:pw");
      const run = await runCli(["studies", "--storage", url], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`knobs: cannot open storage "${at("nosuchrole:***")}": the server refused the login: role "nosuchrole" does not exist\n`);
    });

    it("says the database does not exist", async () => {
      const dir = tmp();
      const url = at(server!.username, "no_such_database");
      const run = await runCli(["studies", "--storage", url], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`knobs: cannot open storage "${url}": database "no_such_database" does not exist\n`);
    });
  });
});

describe("commands that only read", () => {
  it("create no file and say that the file or study does not exist", async () => {
    const dir = tmp();
    const best = await runCli(["best", "nosuch"], { cwd: dir });
    expect(best.code).toBe(2);
    expect(best.stderr).toBe(`knobs: cannot open storage "sqlite:${join(dir, "knobs.db")}": ${join(dir, "knobs.db")} does not exist\n`);
    const studies = await runCli(["studies", "--storage", "sqlite:new.db"], { cwd: dir });
    expect(studies.code).toBe(2);
    expect(studies.stderr).toBe(`knobs: cannot open storage "sqlite:${join(dir, "new.db")}": ${join(dir, "new.db")} does not exist\n`);
    const trials = await runCli(["trials", "nosuch", "--storage", "sqlite:new.db", "--csv"], { cwd: dir });
    expect(trials.code).toBe(2);
    const report = await runCli(["report", "nosuch.db"], { cwd: dir });
    expect(report.code).toBe(2);
    expect(report.stderr).toBe('knobs: cannot open results file "nosuch.db": nosuch.db does not exist\n');
    const studyReport = await runCli(["report", "--study", "nosuch", "--html", "out.html"], { cwd: dir });
    expect(studyReport.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("read a storage without changing it, and an empty file as no study", async () => {
    const dir = tmp();
    writeFiles(dir, { "study.yaml": "study: s\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: 'echo 0.5'}\nbudget: {trials: 2}\n" });
    expect((await runCli(["optimize", "study.yaml"], { cwd: dir })).code).toBe(0);
    const before = readdirSync(dir).sort();
    const best = await runCli(["best", "nosuch"], { cwd: dir });
    expect(best.code).toBe(2);
    expect(best.stderr).toBe('knobs: no study named "nosuch" in this storage (studies here: s)\n');
    const studies = await runCli(["studies", "--json"], { cwd: dir });
    expect(JSON.parse(studies.stdout)).toMatchObject([{ name: "s", trials: 2, complete: 2 }]);
    // No -wal or -shm left behind, nothing new.
    expect(readdirSync(dir).sort()).toEqual(before);
    writeFileSync(join(dir, "empty.db"), "");
    const empty = await runCli(["studies", "--storage", "sqlite:empty.db"], { cwd: dir });
    expect(empty.stdout).toBe("No studies in this storage.\n");
    expect(readdirSync(dir).sort()).toEqual([...before, "empty.db"].sort());
    const notResults = await runCli(["report", "knobs.db"], { cwd: dir });
    expect(notResults.code).toBe(2);
    expect(notResults.stderr).toBe('knobs: cannot open results file "knobs.db": knobs.db holds no knobs bench runs (it is not a file written by knobs bench)\n');
  });
});
