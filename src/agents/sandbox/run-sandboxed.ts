import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ValidationError } from "../../errors/index.js";
import { isolationPlan, warnIfSignalsUnisolated } from "./isolation.js";
import { classifyExit, type ChildReport } from "./classify-exit.js";
import { RUNNER_SOURCE } from "./runner-source.js";
import type { SandboxLogs, SandboxOptions, SandboxResult } from "./spec.js";

const LOG_LIMIT = 16 * 1024;
/** Room above the heap limit for Node itself, buffers and code (Node starts in ~60 MiB of data segment). */
const DATA_HEADROOM_MB = 128;

/**
 * Runs JavaScript written by an LLM in a separate Node process with a time limit, a
 * memory limit, no network and no file access outside `scratchDir`.
 *
 * Guards, each checked by a test:
 * - Node's permission model (`--experimental-permission`): reads only in the run's own
 *   temporary folder (the runner and the code) and `scratchDir`, writes only in `scratchDir`;
 *   child processes, worker threads, native addons and `process.binding` are denied.
 * - Signals: a private PID namespace (the code is its PID 1 and sees no other process), so it
 *   cannot signal its caller or any process outside; where namespaces are not permitted
 *   this guard is missing and a warning says so once (see `sandboxIsolation()`).
 * - Network: a private network namespace with no interfaces up (`unshare -n`, when this
 *   machine allows it: see `sandboxIsolation()`), and in any case patched `net`, `tls`,
 *   `http(s)`, `http2`, `dgram`, `dns` and `fetch` that record and refuse every use.
 * - Memory: `--max-old-space-size=memoryMb`, and `prlimit --data` at memoryMb + 128 MiB
 *   when available (buffers live outside the V8 heap).
 * - Time: the process group is killed (SIGKILL) after `timeoutMs`.
 * - Environment: the child gets an empty environment (no API keys) and runs in `scratchDir`.
 *
 * A violation is a result, not an exception: `{ ok: false, reason, message }`.
 *
 * @example
 * const result = await runSandboxed({ code: "export default (x) => x.a + x.b;", input: { a: 1, b: 2 }, scratchDir: "/tmp/knobs-scratch" });
 * if (result.ok) console.log(result.output); // 3
 * else console.log(result.reason, result.message);
 */
export async function runSandboxed(options: SandboxOptions): Promise<SandboxResult> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const memoryMb = options.memoryMb ?? 256;
  const maxOutputBytes = options.maxOutputBytes ?? 1024 * 1024;
  checkOptions(options, timeoutMs, memoryMb, maxOutputBytes);
  const plan = isolationPlan();
  warnIfSignalsUnisolated(plan);
  mkdirSync(options.scratchDir, { recursive: true });
  const scratch = realpathSync(options.scratchDir);
  const runDir = realpathSync(mkdtempSync(join(tmpdir(), "knobs-sandbox-")));
  const started = performance.now();
  try {
    writeFileSync(join(runDir, "runner.mjs"), RUNNER_SOURCE);
    writeFileSync(join(runDir, "code.mjs"), options.code);
    const command = [
      ...plan.prefix((memoryMb + DATA_HEADROOM_MB) * 1024 * 1024),
      process.execPath,
      "--experimental-permission",
      `--allow-fs-read=${runDir}`,
      `--allow-fs-read=${scratch}`,
      `--allow-fs-write=${scratch}`,
      `--max-old-space-size=${memoryMb}`,
      "--no-warnings",
      join(runDir, "runner.mjs"),
      join(runDir, "code.mjs"),
      options.entry ?? "default",
      options.networkPreload === false ? "0" : "1",
    ];
    const report = await runChild(command, scratch, JSON.stringify(options.input ?? null), timeoutMs, maxOutputBytes, options.signal);
    const verdict = classifyExit(report, { timeoutMs, memoryMb, maxOutputBytes, scratch });
    const elapsedMs = performance.now() - started;
    return verdict.ok
      ? { ok: true, output: verdict.output, logs: report.logs, isolation: plan.isolation, elapsedMs }
      : { ok: false, reason: verdict.reason, message: verdict.message, logs: report.logs, isolation: plan.isolation, elapsedMs };
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

function checkOptions(options: SandboxOptions, timeoutMs: number, memoryMb: number, maxOutputBytes: number): void {
  const issues = [];
  if (typeof options.code !== "string") issues.push({ code: "invalid_type", path: ["code"], message: "expected the module source (a string)" });
  if (typeof options.scratchDir !== "string" || options.scratchDir === "") issues.push({ code: "invalid_type", path: ["scratchDir"], message: "expected a folder path" });
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) issues.push({ code: "invalid_option", path: ["timeoutMs"], message: `expected a number > 0, received ${timeoutMs}` });
  if (!(Number.isInteger(memoryMb) && memoryMb >= 16)) issues.push({ code: "invalid_option", path: ["memoryMb"], message: `expected an integer >= 16, received ${memoryMb}` });
  if (!(Number.isInteger(maxOutputBytes) && maxOutputBytes > 0)) issues.push({ code: "invalid_option", path: ["maxOutputBytes"], message: `expected an integer > 0, received ${maxOutputBytes}` });
  if (options.entry !== undefined && !/^[A-Za-z_$][\w$]*$/.test(options.entry)) issues.push({ code: "invalid_option", path: ["entry"], message: `expected an export name, received ${JSON.stringify(options.entry)}` });
  if (issues.length > 0) throw new ValidationError(issues, "runSandboxed");
}

/** Starts the child, feeds it the input, collects its report and logs, and kills it at the deadline. */
function runChild(command: string[], cwd: string, input: string, timeoutMs: number, maxOutputBytes: number, signal?: AbortSignal): Promise<ChildReport> {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { cwd, env: {}, stdio: ["pipe", "pipe", "pipe", "pipe"], detached: true });
    const logs: SandboxLogs = { stdout: "", stderr: "" };
    const report: Buffer[] = [];
    let reportBytes = 0;
    let killedFor: ChildReport["killedFor"] = null;
    const kill = (why: NonNullable<ChildReport["killedFor"]>) => {
      killedFor ??= why;
      try {
        // The whole process group: a wrapper (unshare, prlimit) and node alike.
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    };
    const timer = setTimeout(() => kill("timeout"), timeoutMs);
    const onAbort = () => kill("aborted");
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) onAbort();
    child.stdout.on("data", (chunk: Buffer) => (logs.stdout = keepTail(logs.stdout + chunk.toString("utf8"))));
    child.stderr.on("data", (chunk: Buffer) => (logs.stderr = keepTail(logs.stderr + chunk.toString("utf8"))));
    const channel = child.stdio[3] as NodeJS.ReadableStream;
    channel.on("data", (chunk: Buffer) => {
      reportBytes += chunk.length;
      if (reportBytes > maxOutputBytes + 4096) kill("output");
      else report.push(chunk);
    });
    child.stdin.on("error", () => {}); // the child may exit before reading its input
    child.stdin.end(input);
    child.on("error", (error) => {
      logs.stderr = keepTail(`${logs.stderr}\ncould not start the sandbox: ${error.message}`);
    });
    child.on("close", (code, exitSignal) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve({ code, signal: exitSignal, killedFor, message: lastLine(Buffer.concat(report).toString("utf8")), logs });
    });
  });
}

function keepTail(text: string): string {
  return text.length > LOG_LIMIT ? text.slice(text.length - LOG_LIMIT) : text;
}

function lastLine(text: string): string | null {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  return lines.length > 0 ? lines[lines.length - 1] : null;
}
