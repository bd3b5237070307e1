import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkSyntax, outputOrThrow, runSandboxed, sandboxIsolation, SandboxViolationError } from "../../../src/agents/sandbox/index.js";

/** Time limit of runs that should end on their own: long, so a busy machine cannot turn them into timeouts. */
const LONG = 60_000;

let root: string;
let scratch: string;
let outside: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "knobs-sandbox-test-"));
  scratch = join(root, "scratch");
  outside = join(root, "outside.txt");
  writeFileSync(outside, "secret");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("runSandboxed", () => {
  it("runs a module's entry function on the input and returns its output", async () => {
    const result = await runSandboxed({
      code: "export async function solve(input) { console.log('working'); return { sum: input.a + input.b }; }",
      entry: "solve",
      input: { a: 2, b: 3 },
      timeoutMs: LONG,
      scratchDir: scratch,
    });
    expect(result).toMatchObject({ ok: true, output: { sum: 5 } });
    expect(result.logs.stdout).toBe("working\n");
  });

  it("lets the code read and write inside the scratch folder", async () => {
    const result = await runSandboxed({
      code: `import { writeFileSync, readFileSync } from "node:fs";
        export default () => { writeFileSync("notes.txt", "kept"); return readFileSync("notes.txt", "utf8"); }`,
      timeoutMs: LONG,
      scratchDir: scratch,
    });
    expect(result).toMatchObject({ ok: true, output: "kept" });
    expect(readFileSync(join(scratch, "notes.txt"), "utf8")).toBe("kept");
  });

  it("kills an infinite loop at the time limit", async () => {
    const result = await runSandboxed({ code: "export default () => { for (;;) {} }", timeoutMs: 1500, scratchDir: scratch });
    expect(result).toMatchObject({ ok: false, reason: "timeout", message: "the code ran longer than 1500 ms and was killed" });
  });

  it("stops a huge allocation at the memory limit", async () => {
    const result = await runSandboxed({
      code: "export default () => { const kept = []; for (;;) kept.push(new Array(1e6).fill(Math.random())); }",
      memoryMb: 64,
      timeoutMs: LONG,
      scratchDir: scratch,
    });
    expect(result).toMatchObject({ ok: false, reason: "memory" });
    expect(!result.ok && result.message).toMatch(/^the code ran out of memory \(limit 64 MiB heap\)/);
  });

  it("stops a huge buffer (outside the V8 heap) when the data limit is available", async () => {
    const result = await runSandboxed({
      code: "export default () => { const kept = []; for (;;) kept.push(Buffer.alloc(64 * 1024 * 1024, 1)); }",
      memoryMb: 64,
      timeoutMs: LONG,
      scratchDir: scratch,
    });
    if (sandboxIsolation().memory !== "heap+data") return; // without prlimit only the heap is capped
    expect(result).toMatchObject({ ok: false, reason: "memory" });
  });

  it("refuses reading a file outside the scratch folder (/etc/hostname, a repo file)", async () => {
    for (const path of ["/etc/hostname", resolve("package.json"), outside]) {
      const result = await runSandboxed({
        code: `import { readFileSync } from "node:fs"; export default () => readFileSync(${JSON.stringify(path)}, "utf8");`,
        timeoutMs: LONG,
        scratchDir: scratch,
      });
      expect(result).toMatchObject({ ok: false, reason: "filesystem" });
      expect(!result.ok && result.message).toMatch(/^the code tried to read outside the scratch folder/);
    }
  });

  it("refuses writing outside the scratch folder", async () => {
    const target = join(root, "escaped.txt");
    const result = await runSandboxed({
      code: `import { writeFileSync } from "node:fs"; export default () => writeFileSync(${JSON.stringify(target)}, "x");`,
      timeoutMs: LONG,
      scratchDir: scratch,
    });
    expect(result).toMatchObject({ ok: false, reason: "filesystem" });
    expect(!result.ok && result.message).toMatch(/^the code tried to write outside the scratch folder/);
    expect(existsSync(target)).toBe(false);
  });

  it("refuses creating a symbolic link (a way out of the scratch folder)", async () => {
    const result = await runSandboxed({
      code: `import { symlinkSync, readFileSync } from "node:fs"; export default () => { symlinkSync("/etc/hostname", "link"); return readFileSync("link", "utf8"); }`,
      timeoutMs: LONG,
      scratchDir: scratch,
    });
    expect(result).toMatchObject({ ok: false, reason: "filesystem" });
    expect(!result.ok && result.message).toMatch(/^the code tried to use files outside the scratch folder .*: fs\.symlink API requires full fs\.read and fs\.write permissions\.$/);
  });

  it("refuses child processes", async () => {
    const result = await runSandboxed({
      code: `import { execSync } from "node:child_process"; export default () => execSync("cat /etc/hostname").toString();`,
      timeoutMs: LONG,
      scratchDir: scratch,
    });
    expect(result).toMatchObject({ ok: false, reason: "process" });
  });

  it("gives the code an empty environment (no API keys)", async () => {
    process.env.KNOBS_SANDBOX_TEST_SECRET = "sk-should-not-leak";
    try {
      const result = await runSandboxed({ code: "export default () => Object.keys(process.env);", scratchDir: scratch, timeoutMs: LONG });
      expect(result).toMatchObject({ ok: true, output: [] });
    } finally {
      delete process.env.KNOBS_SANDBOX_TEST_SECRET;
    }
  });

  it("reports a thrown error, a syntax error and a missing entry as a crash", async () => {
    const thrown = await runSandboxed({ code: "export default () => { throw new RangeError('bad k'); }", scratchDir: scratch, timeoutMs: LONG });
    expect(thrown).toMatchObject({ ok: false, reason: "crash", message: "RangeError: bad k" });
    const syntax = await runSandboxed({ code: "export default () => {", scratchDir: scratch, timeoutMs: LONG });
    expect(syntax).toMatchObject({ ok: false, reason: "crash" });
    expect(!syntax.ok && syntax.message).toMatch(/^SyntaxError/);
    const missing = await runSandboxed({ code: "export const x = 1;", entry: "solve", scratchDir: scratch, timeoutMs: LONG });
    expect(missing).toMatchObject({ ok: false, reason: "crash", message: 'TypeError: the code exports no function named "solve" (it exports: x)' });
  });

  it("rejects bad options with a ValidationError naming each field", async () => {
    await expect(runSandboxed({ code: "", scratchDir: scratch, timeoutMs: 0, memoryMb: 4 })).rejects.toThrow(
      "runSandboxed: timeoutMs: expected a number > 0, received 0\nrunSandboxed: memoryMb: expected an integer >= 16, received 4",
    );
  });

  it("turns a violation into an error whose message starts with the reason", async () => {
    const result = await runSandboxed({ code: "export default () => { for (;;) {} }", timeoutMs: 500, scratchDir: scratch });
    expect(() => outputOrThrow(result)).toThrow(SandboxViolationError);
    expect(() => outputOrThrow(result)).toThrow(/^timeout: the code ran longer than 500 ms/);
  });
});

describe("runSandboxed network", () => {
  let server: Server;
  let port: number;
  let connections = 0;

  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      socket.end("hello");
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const attempts: Record<string, string> = {
    "a socket": `import { connect } from "node:net";
      export default () => new Promise((ok, fail) => { const s = connect(PORT, "127.0.0.1"); s.on("data", (d) => ok(String(d))); s.on("error", fail); });`,
    fetch: `export default async () => (await fetch("http://127.0.0.1:PORT/")).text();`,
    "http.get": `import http from "node:http";
      export default () => new Promise((ok, fail) => http.get("http://127.0.0.1:PORT/", (r) => ok(r.statusCode)).on("error", fail));`,
    "a caught socket error": `import net from "node:net";
      export default () => { try { net.createConnection(PORT, "127.0.0.1"); } catch { /* swallowed */ } return "done"; }`,
  };

  for (const [what, code] of Object.entries(attempts)) {
    it(`blocks ${what} to 127.0.0.1 and no connection arrives`, async () => {
      const result = await runSandboxed({ code: code.replaceAll("PORT", String(port)), timeoutMs: LONG, scratchDir: scratch });
      expect(result).toMatchObject({ ok: false, reason: "network" });
      expect(connections).toBe(0);
    });
  }

  it("blocks a socket by the network namespace alone when the preload is off", async () => {
    if (sandboxIsolation().network !== "namespace") return; // this machine cannot make a network namespace
    const result = await runSandboxed({ code: attempts["a socket"].replaceAll("PORT", String(port)), networkPreload: false, timeoutMs: LONG, scratchDir: scratch });
    expect(result).toMatchObject({ ok: false, reason: "network" });
    expect(!result.ok && result.message).toMatch(/^the network is unreachable from the sandbox/);
    expect(connections).toBe(0);
  });

  it("uses a network namespace on this machine (root, as on CI)", () => {
    if (process.getuid?.() !== 0) return;
    expect(sandboxIsolation()).toEqual({ network: "namespace", signals: "namespace", memory: "heap+data" });
  });
});

/** Code that sends SIGKILL to a process id and returns what happened (the error code, or "sent") and its parent's pid. */
function killer(pid: number | "process.ppid"): string {
  return `export default () => { const ppid = process.ppid; try { process.kill(${pid}, "SIGKILL"); return ["sent", ppid]; } catch (error) { return [error.code, ppid]; } };`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("runSandboxed signals", () => {
  it("cannot signal an unrelated process (a sleep started beside it)", async () => {
    const sleeper = spawn("sleep", ["60"], { stdio: "ignore" });
    try {
      const result = await runSandboxed({ code: killer(sleeper.pid!), timeoutMs: LONG, scratchDir: scratch });
      expect(result).toMatchObject({ ok: true, output: ["ESRCH", 0] });
      await new Promise((done) => setTimeout(done, 100));
      expect(alive(sleeper.pid!)).toBe(true);
      expect(result.isolation.signals).toBe("namespace");
    } finally {
      sleeper.kill("SIGKILL");
    }
  });

  it("cannot signal its caller (process.ppid): the calling process lives on", async () => {
    // The caller is a separate process, so a kill that gets through shows as its death, not this test runner's.
    const script = `
      import { runSandboxed } from ${JSON.stringify(resolve("src/agents/sandbox/index.ts"))};
      const result = await runSandboxed({ code: ${JSON.stringify(killer("process.ppid"))}, timeoutMs: ${LONG}, scratchDir: ${JSON.stringify(scratch)} });
      console.log(JSON.stringify({ ok: result.ok, output: result.ok ? result.output : result.message }));`;
    const caller = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    caller.stdout.on("data", (chunk) => (stdout += chunk));
    caller.stderr.on("data", (chunk) => (stderr += chunk));
    const [code, signal] = await new Promise<[number | null, string | null]>((done) => caller.on("close", (c, s) => done([c, s])));
    expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: "" });
    // Inside the PID namespace the parent is outside, so process.ppid is 0: kill(0) reaches only the
    // sandbox's own process group, whose one member is the code itself, PID 1 of the namespace (which ignores it).
    expect(JSON.parse(stdout)).toEqual({ ok: true, output: ["sent", 0] });
  });
});

describe("runSandboxed where namespaces are not permitted", () => {
  let fakeBin: string;
  const path = process.env.PATH;

  beforeAll(() => {
    // An unshare that fails as it does in a container without CAP_SYS_ADMIN and with user namespaces off.
    fakeBin = mkdtempSync(join(tmpdir(), "knobs-fake-unshare-"));
    writeFileSync(join(fakeBin, "unshare"), "#!/bin/sh\necho 'unshare: unshare failed: Operation not permitted' >&2\nexit 1\n");
    chmodSync(join(fakeBin, "unshare"), 0o755);
  });
  afterAll(() => {
    process.env.PATH = path;
    rmSync(fakeBin, { recursive: true, force: true });
  });

  it("still runs the code, says signals are not isolated, and warns once with the reason", async () => {
    process.env.PATH = `${fakeBin}:${path}`;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const sleeper = spawn("sleep", ["60"], { stdio: "ignore" });
    try {
      expect(sandboxIsolation()).toMatchObject({ network: "preload", signals: "none" });
      const first = await runSandboxed({ code: "export default () => 42;", timeoutMs: LONG, scratchDir: scratch });
      expect(first).toMatchObject({ ok: true, output: 42, isolation: { network: "preload", signals: "none" } });
      // The documented degraded behaviour: signals are not blocked (the network preload still is).
      const ended = new Promise((done) => sleeper.once("exit", (_code, signal) => done(signal)));
      const second = await runSandboxed({ code: killer(sleeper.pid!), timeoutMs: LONG, scratchDir: scratch });
      expect(second).toMatchObject({ ok: true, output: ["sent", expect.any(Number)] });
      expect(await ended).toBe("SIGKILL");
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toBe(
        "knobs: sandbox: this machine does not permit a PID namespace (unshare: unshare failed: Operation not permitted), " +
          "so sandboxed code can signal any process of uid 0; run knobs where unprivileged user namespaces are allowed (or with CAP_SYS_ADMIN)",
      );
    } finally {
      warn.mockRestore();
      sleeper.kill("SIGKILL");
      process.env.PATH = path;
    }
  });
});

describe("checkSyntax", () => {
  it("returns null for a module that parses and the error with its line otherwise", () => {
    expect(checkSyntax("export default (x) => x * 2;")).toBeNull();
    expect(checkSyntax("export default (x) => {\n  return x +;\n}")).toBe("SyntaxError: Unexpected token ';' (line 2)");
  });
});
