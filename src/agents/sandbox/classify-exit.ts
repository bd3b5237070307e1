import type { SandboxLogs, SandboxReason } from "./spec.js";

/** What the parent saw of a finished child. */
export interface ChildReport {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why the parent killed it, if it did. */
  killedFor: "timeout" | "aborted" | "output" | null;
  /** The runner's JSON line on fd 3, or null when it wrote none. */
  message: string | null;
  logs: SandboxLogs;
}

export type Verdict = { ok: true; output: unknown } | { ok: false; reason: SandboxReason; message: string };

/** What V8 and the runtime print when the heap limit or the data limit is hit. */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Fatal process out of memory|allocation failed/i;
/** Error codes a socket or lookup gets inside a network namespace with no interface up. */
const UNREACHABLE = new Set(["ENETUNREACH", "EAI_AGAIN", "ENOTFOUND", "ECONNREFUSED", "EADDRNOTAVAIL"]);

interface RunnerMessage {
  ok: boolean;
  output?: unknown;
  error?: { name: string; message: string; code?: string; permission?: string };
  network?: string[];
}

/**
 * Turns a child's exit into a verdict. Order matters: the parent's own kill (time, output
 * size) first, then a network use the runner recorded (even if the code caught the error),
 * then the runner's error, then signs of running out of memory, then a plain crash.
 */
export function classifyExit(report: ChildReport, limits: { timeoutMs: number; memoryMb: number; maxOutputBytes: number; scratch: string }): Verdict {
  if (report.killedFor === "timeout") return fail("timeout", `the code ran longer than ${limits.timeoutMs} ms and was killed`);
  if (report.killedFor === "aborted") return fail("timeout", "the run was aborted and the code killed");
  if (report.killedFor === "output") return fail("crash", `the output is larger than ${limits.maxOutputBytes} bytes`);
  const message = parse(report.message);
  if (message?.network?.length) return fail("network", `the code tried to use the network (${message.network.join(", ")}); the sandbox has none`);
  if (message?.ok) {
    const size = Buffer.byteLength(JSON.stringify(message.output ?? null));
    if (size > limits.maxOutputBytes) return fail("crash", `the output is larger than ${limits.maxOutputBytes} bytes (${size})`);
    return { ok: true, output: message.output ?? null };
  }
  const error = message?.error;
  if (error?.code === "ERR_ACCESS_DENIED") {
    // Some file APIs (symlink, link) are denied without naming a FileSystem permission.
    if (error.permission?.startsWith("FileSystem") || /\bfs\./.test(error.message)) {
      const access = error.permission === "FileSystemWrite" ? "write" : error.permission === "FileSystemRead" ? "read" : "use files";
      return fail("filesystem", `the code tried to ${access} outside the scratch folder ${limits.scratch}: ${error.message}`);
    }
    return fail("process", `the code tried to leave its process${error.permission ? ` (${error.permission})` : ""}: ${error.message}`);
  }
  if (error && UNREACHABLE.has(error.code ?? "")) return fail("network", `the network is unreachable from the sandbox: ${error.message}`);
  if ((error && OUT_OF_MEMORY.test(error.message)) || (!message && OUT_OF_MEMORY.test(report.logs.stderr))) {
    return fail("memory", `the code ran out of memory (limit ${limits.memoryMb} MiB heap): ${error?.message ?? lastLines(report.logs.stderr, OUT_OF_MEMORY)}`);
  }
  if (error) return fail("crash", `${error.name}: ${error.message}`);
  const how = report.signal ? `was killed by ${report.signal}` : `exited with code ${report.code}`;
  return fail("crash", `the sandboxed process ${how} without a result${report.logs.stderr ? `: ${report.logs.stderr.trim().slice(-300)}` : ""}`);
}

function fail(reason: SandboxReason, message: string): Verdict {
  return { ok: false, reason, message };
}

function parse(line: string | null): RunnerMessage | null {
  if (!line) return null;
  try {
    const value = JSON.parse(line) as RunnerMessage;
    return value && typeof value === "object" ? value : null;
  } catch {
    return null;
  }
}

function lastLines(text: string, pattern: RegExp): string {
  const line = text.split("\n").find((candidate) => pattern.test(candidate));
  return (line ?? text.trim().slice(-200)).trim();
}
