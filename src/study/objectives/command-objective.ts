import { spawn } from "node:child_process";
import { KnobsError } from "../../errors/index.js";
import { deriveSeed } from "../../math/index.js";
import type { ObjectiveFunction } from "../optimize.js";
import { BoundedTail } from "./bounded-tail.js";
import { parseResultJson } from "./parse-result-json.js";

export interface CommandObjectiveOptions {
  /** A shell command (run with `sh -c`). */
  command: string;
  /** Working directory (default: the current one). */
  cwd?: string;
  /** Extra environment variables; the process environment is passed through. */
  env?: Record<string, string>;
  /** Seeds the per-trial `seed` sent to the command (default 0). */
  seed?: number;
}

/** The command exited non-zero, was killed, or printed no JSON. */
export class ObjectiveCommandError extends KnobsError {
  constructor(message: string) {
    super("objective_command", message);
  }
}

/** The last this many characters of stdout are read for the result; earlier log lines are dropped. */
export const MAX_COMMAND_OUTPUT = 4 * 1024 * 1024;
/** The last this many characters of stderr are kept for the error message. */
const MAX_STDERR = 64 * 1024;

/**
 * An objective that runs a shell command per trial. The command reads
 * `{"config": {...}, "fidelity": {...} | null, "seed": N, "trial": N}` on stdin (plus
 * `"resume_from": {"trial": N, "fidelity": {...}, "user_attrs": {...}}` when the trial
 * continues an earlier one's run: see `Trial.resumeFrom`) and prints
 * its result as JSON on stdout (`{"values": {...}, "cost": {...}}` or any ObjectiveResult).
 * When stdout holds log lines too, the last line that parses as JSON is the result; only
 * the last MAX_COMMAND_OUTPUT characters (4 MiB) of stdout are kept, so the result line must
 * fit there (earlier output of any size is read and dropped).
 * A non-zero exit, a kill or output without JSON fails the trial with the reason
 * (stderr's last lines included). On timeout or stop the whole process group is killed.
 */
export function commandObjective(options: CommandObjectiveOptions): ObjectiveFunction {
  return (trial) =>
    new Promise((resolve, reject) => {
      if (trial.signal.aborted) return reject(trial.signal.reason);
      const child = spawn("sh", ["-c", options.command], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
        // Own process group, so a timeout kills the command's children too.
        detached: true,
      });
      const stdout = new BoundedTail(MAX_COMMAND_OUTPUT);
      const stderr = new BoundedTail(MAX_STDERR);
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => stdout.push(chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
      const kill = () => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      };
      trial.signal.addEventListener("abort", kill, { once: true });
      child.on("error", (error) => {
        trial.signal.removeEventListener("abort", kill);
        reject(new ObjectiveCommandError(`could not start the command "${options.command}": ${error.message}`));
      });
      child.on("close", (code, signal) => {
        trial.signal.removeEventListener("abort", kill);
        if (trial.signal.aborted) return reject(trial.signal.reason);
        if (code !== 0) {
          const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
          return reject(new ObjectiveCommandError(`the command ${how}${tail(stderr.text())}`));
        }
        const output = stdout.text();
        const result = lastJson(output, stdout.truncated);
        if (result === undefined) {
          if (stdout.truncated) {
            const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
            return reject(
              new ObjectiveCommandError(
                `the command printed no JSON line in the last ${mib(MAX_COMMAND_OUTPUT)} of its stdout (it printed ${mib(stdout.total)}; only the last ${mib(MAX_COMMAND_OUTPUT)} are kept, so the result must be a line there)`,
              ),
            );
          }
          const shown = output.trim() ? `: ${JSON.stringify(output.trim().slice(0, 200))}` : " (stdout was empty)";
          return reject(new ObjectiveCommandError(`the command printed no JSON on stdout${shown}`));
        }
        resolve(result as never);
      });
      // A command that does not read its input must not fail the trial.
      child.stdin.on("error", () => {});
      const seed = deriveSeed(options.seed ?? 0, "objective", trial.number);
      const from = trial.resumeFrom;
      const resume = from ? { resume_from: { trial: from.number, fidelity: from.fidelity, user_attrs: from.userAttrs } } : {};
      child.stdin.end(JSON.stringify({ config: trial.config, fidelity: trial.fidelity, seed, trial: trial.number, ...resume }) + "\n");
    });
}

/** The whole output as JSON (unless its start was dropped), else its last line that parses as JSON. */
function lastJson(stdout: string, truncated: boolean): unknown {
  const text = stdout.trim();
  if (!text) return undefined;
  if (!truncated) {
    const whole = parseResultJson(text);
    if (whole !== undefined) return whole;
  }
  const lines = text.split("\n");
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = parseResultJson(lines[i]);
    if (line !== undefined) return line;
  }
  return undefined;
}

function tail(stderr: string): string {
  const lines = stderr.trim().split("\n").filter(Boolean).slice(-3);
  // The end of the last lines: the reason a command failed is usually its last words.
  const text = lines.join(" | ");
  return lines.length ? `: ${text.length > 500 ? `...${text.slice(-497)}` : text}` : "";
}
