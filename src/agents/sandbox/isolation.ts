import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import type { SandboxIsolation } from "./spec.js";

/** How to start the child: the wrapper commands before `node`, and what they guard. */
export interface IsolationPlan {
  isolation: SandboxIsolation;
  /** Command prefix given the data limit in bytes, e.g. ["/usr/bin/unshare", "-n", "--", "/usr/bin/prlimit", "--data=...", "--"]. */
  prefix(dataBytes: number): string[];
}

let cached: IsolationPlan | null = null;

/**
 * Finds which operating-system guards work on this machine, once per process:
 * a private network namespace (`unshare -n` as root, `unshare -rn` through a user
 * namespace otherwise) and a data-segment limit (`prlimit --data`). Each is tried by
 * running `node -e ""` under it, so a binary that exists but is not permitted (a
 * container without CAP_SYS_ADMIN, user namespaces switched off) is not used.
 */
export function isolationPlan(): IsolationPlan {
  if (cached) return cached;
  const unshare = findCommand("unshare");
  const prlimit = findCommand("prlimit");
  let namespace: string[] | null = null;
  if (unshare) {
    for (const flags of [["-n"], ["-rn"]]) {
      if (runs([unshare, ...flags, "--", process.execPath, "-e", ""])) {
        namespace = [unshare, ...flags, "--"];
        break;
      }
    }
  }
  const limitsData = prlimit !== null && runs([prlimit, `--data=${512 * 1024 * 1024}`, "--", process.execPath, "-e", ""]);
  cached = {
    isolation: { network: namespace ? "namespace" : "preload", memory: limitsData ? "heap+data" : "heap" },
    prefix: (dataBytes) => [...(namespace ?? []), ...(limitsData && prlimit ? [prlimit, `--data=${dataBytes}`, "--"] : [])],
  };
  return cached;
}

/** The guards this machine gives sandboxed runs (see isolationPlan). */
export function sandboxIsolation(): SandboxIsolation {
  return { ...isolationPlan().isolation };
}

function runs(command: string[]): boolean {
  const result = spawnSync(command[0], command.slice(1), { stdio: "ignore", timeout: 10_000 });
  return result.status === 0;
}

/** The absolute path of an executable on PATH (the child gets an empty environment, so no PATH lookup there). */
function findCommand(name: string): string | null {
  for (const folder of (process.env.PATH ?? "").split(delimiter)) {
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
