import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import type { SandboxIsolation } from "./spec.js";

/** How to start the child: the wrapper commands before `node`, and what they guard. */
export interface IsolationPlan {
  isolation: SandboxIsolation;
  /** Command prefix given the data limit in bytes, e.g. ["/usr/bin/unshare", "-r", "-n", "-p", ..., "--", "/usr/bin/prlimit", "--data=...", "--"]. */
  prefix(dataBytes: number): string[];
  /** Why signals are not isolated (the probe's error), or null when they are. */
  signalsUnisolatedBecause: string | null;
}

/**
 * The namespaces tried, strongest first. `-p -f --mount-proc` gives a new PID namespace
 * (the code is its PID 1 and sees no process outside, so it cannot signal one); `-r`
 * adds a user namespace, so even as root the code holds no capability outside it;
 * `-n` a network namespace with no interface up. `--kill-child` ends the code when the
 * wrapper is killed at the deadline.
 */
const NAMESPACES: { flags: string[]; signals: boolean }[] = [
  { flags: ["-r", "-n", "-p", "-f", "--mount-proc", "--kill-child"], signals: true },
  { flags: ["-n", "-p", "-f", "--mount-proc", "--kill-child"], signals: true },
  { flags: ["-n"], signals: false },
  { flags: ["-rn"], signals: false },
];

/** One plan per PATH (the wrappers are looked up on it). */
const cached = new Map<string, IsolationPlan>();

/**
 * Finds which operating-system guards work on this machine, once per process (and PATH):
 * private PID and network namespaces (`unshare`, through a user namespace when permitted)
 * and a data-segment limit (`prlimit --data`). Each is tried by running `node -e ""` under
 * it, so a binary that exists but is not permitted (a container without CAP_SYS_ADMIN,
 * user namespaces switched off) is not used.
 */
export function isolationPlan(): IsolationPlan {
  const path = process.env.PATH ?? "";
  const known = cached.get(path);
  if (known) return known;
  const unshare = findCommand("unshare", path);
  const prlimit = findCommand("prlimit", path);
  // A new session inside the namespace: kill(0) from the code then reaches only processes inside it.
  const setsid = findCommand("setsid", path);
  let namespace: string[] | null = null;
  let signals = false;
  let signalsError: string | null = unshare ? null : "no unshare command on PATH";
  if (unshare) {
    for (const candidate of NAMESPACES) {
      const command = [unshare, ...candidate.flags, "--"];
      const error = failure([...command, process.execPath, "-e", ""]);
      if (error === null) {
        namespace = candidate.signals && setsid ? [...command, setsid] : command;
        signals = candidate.signals;
        break;
      }
      if (candidate.signals) signalsError ??= error;
    }
  }
  const limitsData = prlimit !== null && failure([prlimit, `--data=${512 * 1024 * 1024}`, "--", process.execPath, "-e", ""]) === null;
  const plan: IsolationPlan = {
    isolation: { network: namespace ? "namespace" : "preload", signals: signals ? "namespace" : "none", memory: limitsData ? "heap+data" : "heap" },
    prefix: (dataBytes) => [...(namespace ?? []), ...(limitsData && prlimit ? [prlimit, `--data=${dataBytes}`, "--"] : [])],
    signalsUnisolatedBecause: signals ? null : (signalsError ?? "unshare --pid failed"),
  };
  cached.set(path, plan);
  return plan;
}

/** The guards this machine gives sandboxed runs (see isolationPlan). */
export function sandboxIsolation(): SandboxIsolation {
  return { ...isolationPlan().isolation };
}

const warned = new Set<IsolationPlan>();

/** Says once per plan (on console.warn) that sandboxed code can signal other processes here, and why. */
export function warnIfSignalsUnisolated(plan: IsolationPlan): void {
  if (plan.signalsUnisolatedBecause === null || warned.has(plan)) return;
  warned.add(plan);
  console.warn(
    `knobs: sandbox: this machine does not permit a PID namespace (${plan.signalsUnisolatedBecause}), ` +
      `so sandboxed code can signal any process of uid ${process.getuid?.() ?? "?"}; ` +
      "run knobs where unprivileged user namespaces are allowed (or with CAP_SYS_ADMIN)",
  );
}

/** Null when the command ran and exited 0, else the last line it printed on stderr (or how it ended). */
function failure(command: string[]): string | null {
  const result = spawnSync(command[0], command.slice(1), { stdio: ["ignore", "ignore", "pipe"], timeout: 10_000 });
  if (result.status === 0) return null;
  const said = result.stderr?.toString("utf8").trim().split("\n").pop();
  return said || (result.error ? result.error.message : `${command[0]} exited with ${result.status ?? result.signal}`);
}

/** The absolute path of an executable on PATH (the child gets an empty environment, so no PATH lookup there). */
function findCommand(name: string, path: string): string | null {
  for (const folder of path.split(delimiter)) {
    if (!folder) continue;
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}
