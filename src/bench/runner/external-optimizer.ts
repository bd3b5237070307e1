import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { KnobsError } from "../../errors/index.js";
import type { Space } from "../../space/index.js";
import type { Objective } from "../../storage/index.js";
import type { RunOptimizer } from "./run-optimizer.js";

/** The external optimizer broke the protocol, exited, or answered with an error. */
export class ExternalOptimizerError extends KnobsError {
  constructor(message: string) {
    super("external_optimizer", message);
  }
}

/**
 * An optimizer in another process, reached over the optimizer protocol (docs/protocol.md):
 * `command` is run with `--spec <file> --seed <n>` appended, the arguments of
 * `knobs serve optimizer`, and must answer `ask` and `tell` on stdout.
 */
export async function externalOptimizer(command: string, spec: { space: Space; objectives: readonly Objective[]; seed: number }): Promise<RunOptimizer> {
  const dir = mkdtempSync(join(tmpdir(), "knobs-external-"));
  const specFile = join(dir, "spec.json");
  writeFileSync(specFile, JSON.stringify({ space: spec.space.toJSON(), fidelity: null, objectives: spec.objectives, seed: spec.seed }));
  const child = spawn("sh", ["-c", `${command} --spec '${specFile}' --seed ${spec.seed}`], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
  const client = new RpcClient(child, command, () => stderr);
  const theirs = new Map<number, unknown>();
  return {
    async ask(_trials, trialNumber) {
      const result = (await client.call("ask", {})) as { trial: unknown; config: Record<string, never>; fidelity?: Record<string, never> | null };
      if (!result || typeof result !== "object" || typeof result.config !== "object") {
        throw new ExternalOptimizerError(`"${command}" answered ask with ${JSON.stringify(result)}: expected {"trial", "config"}`);
      }
      theirs.set(trialNumber, result.trial);
      return { config: result.config, fidelity: result.fidelity ?? null };
    },
    async tell(trial) {
      const id = theirs.get(trial.number);
      theirs.delete(trial.number);
      if (trial.state === "complete") await client.call("tell", { trial: id, values: trial.values, cost: trial.cost });
      else await client.call("tell", { trial: id, state: "failed", cost: trial.cost });
    },
    async close() {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A line-by-line JSON-RPC 2.0 client over a child's stdin/stdout, one call at a time. */
class RpcClient {
  private readonly lines: Interface;
  private readonly iterator: AsyncIterator<string>;
  private nextId = 1;

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly command: string,
    private readonly stderr: () => string,
  ) {
    this.lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    this.iterator = this.lines[Symbol.asyncIterator]();
    child.stdin.on("error", () => {});
  }

  async call(method: string, params: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    this.child.stdin.write(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n");
    const next = await this.iterator.next();
    if (next.done) throw new ExternalOptimizerError(`"${this.command}" closed its output during ${method}${this.tail()}`);
    let answer: { id?: unknown; result?: unknown; error?: { message?: string } };
    try {
      answer = JSON.parse(next.value);
    } catch {
      throw new ExternalOptimizerError(`"${this.command}" printed a line that is not JSON: ${JSON.stringify(next.value.slice(0, 200))}`);
    }
    if (answer.error) throw new ExternalOptimizerError(`"${this.command}" answered ${method} with an error: ${answer.error.message ?? JSON.stringify(answer.error)}`);
    return answer.result;
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    this.lines.close();
    if (this.child.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.child.kill("SIGKILL");
          resolve();
        }, 5000);
        this.child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private tail(): string {
    const text = this.stderr().trim();
    return text ? `: ${text.split("\n").slice(-3).join(" | ")}` : "";
  }
}
