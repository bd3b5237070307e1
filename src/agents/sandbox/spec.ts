/** Types of the sandbox that runs code written by an LLM. Types only. */

/**
 * Why a sandboxed run failed:
 * - `timeout`: still running after `timeoutMs` (the process is killed);
 * - `memory`: the heap limit or the process's data limit was hit;
 * - `network`: the code opened (or tried to open) a socket, an HTTP request, a DNS query, fetch;
 * - `filesystem`: the code read or wrote a path outside what it may touch;
 * - `process`: the code tried to leave its process (child processes, worker threads,
 *   native addons, `process.binding`), which would step around the other limits;
 * - `crash`: anything else (a thrown error, a syntax error, no entry function, a bad output).
 */
export type SandboxReason = "timeout" | "memory" | "network" | "filesystem" | "process" | "crash";

export interface SandboxOptions {
  /**
   * The JavaScript to run: an ES module that exports the entry function, e.g.
   * `export default function (input) { return input.a + input.b; }`.
   */
  code: string;
  /** Name of the exported function to call (default "default"). It may be async. */
  entry?: string;
  /** Passed to the entry function after a JSON round trip (so it must be JSON-serializable). */
  input?: unknown;
  /** Wall-clock limit of the whole child process, Node's start (~50 ms) included (default 5000). */
  timeoutMs?: number;
  /** Heap limit in MiB (`--max-old-space-size`); the process's data segment is capped a little above it when `prlimit` exists (default 256). */
  memoryMb?: number;
  /** The only folder the code may read and write (created when missing). */
  scratchDir: string;
  /** Largest JSON output accepted, in bytes (default 1 MiB). */
  maxOutputBytes?: number;
  /**
   * Patch Node's network modules and fetch in the child so any use is reported as
   * `network` (default true). Turn it off only to test the network namespace on its own.
   */
  networkPreload?: boolean;
  /** Aborting kills the child; the result is a `timeout`. */
  signal?: AbortSignal;
}

/** What the child printed (each stream's last 16 KiB), for reading a failure. */
export interface SandboxLogs {
  stdout: string;
  stderr: string;
}

/** Which operating-system guards this machine gave the run (the Node permission model is always on). */
export interface SandboxIsolation {
  /** `namespace`: a private network namespace (`unshare -n`, or `-rn` without root); `preload`: the module patches only. */
  network: "namespace" | "preload";
  /**
   * `namespace`: a private PID namespace (`unshare --pid`), so the code sees and can signal
   * no process outside the sandbox; `none`: namespaces are not permitted here and the code
   * can signal any process of the same user (a warning says so once).
   */
  signals: "namespace" | "none";
  /** `heap+data`: V8 heap limit and `prlimit --data`; `heap`: the V8 heap limit only. */
  memory: "heap+data" | "heap";
}

export type SandboxResult =
  | { ok: true; output: unknown; logs: SandboxLogs; isolation: SandboxIsolation; elapsedMs: number }
  | { ok: false; reason: SandboxReason; message: string; logs: SandboxLogs; isolation: SandboxIsolation; elapsedMs: number };
