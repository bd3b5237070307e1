import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { z } from "zod";
import { issuesFromSchema, ValidationError } from "../errors/index.js";
import { createOptimizer } from "../optimizers/index.js";
import { Space } from "../space/index.js";
import { createStudy, type Study, type Trial } from "../study/index.js";
import { errorLine, idOf, parseRequest, resultLine, RPC_ERROR, RpcError } from "./json-rpc.js";

/** spec.json of `knobs serve optimizer`: the problem an external client optimizes. */
export const optimizerSpecSchema = z
  .object({
    space: z.record(z.string(), z.unknown()),
    fidelity: z.record(z.string(), z.unknown()).nullable().optional(),
    objectives: z.array(z.object({ name: z.string().min(1), direction: z.enum(["minimize", "maximize"]) }).strict()).min(1),
    seed: z.number().int().nonnegative().optional(),
  })
  .strict();

export interface OptimizerServerOptions {
  /** Parsed spec.json. */
  spec: unknown;
  /** Where the spec came from, for errors. */
  source?: string;
  optimizer: string;
  /** Overrides the spec's seed. */
  seed?: number;
  /** Sampler options beyond the seed. */
  samplerOptions?: Record<string, unknown>;
  /** Storage URL (default memory:) and study name, to keep or resume the trials. */
  storage?: string;
  study?: string;
}

/** Any number, NaN and Infinity included: the study refuses those with the reason and fails the trial. */
const value = z.custom<number>((v) => typeof v === "number", "expected a number");

const tellParams = z
  .object({
    trial: z.number().int().nonnegative(),
    values: z.union([z.array(value), z.record(z.string(), value)]).optional(),
    cost: z.record(z.string(), z.number().nonnegative()).optional(),
    constraints: z.array(z.number()).optional(),
    state: z.enum(["complete", "failed", "pruned"]).optional(),
    error: z.string().optional(),
  })
  .strict();

/**
 * The optimizer server: JSON-RPC 2.0, one object per line. `ask` proposes a trial,
 * `tell` finishes one, `best` returns the best trial (or Pareto set). A bad line gets a
 * JSON-RPC error and the server goes on; it stops at the end of its input.
 */
export class OptimizerServer {
  private readonly study: Study;
  private readonly open = new Map<number, Trial>();

  private constructor(study: Study) {
    this.study = study;
  }

  static async create(options: OptimizerServerOptions): Promise<OptimizerServer> {
    const parsed = optimizerSpecSchema.safeParse(options.spec);
    if (!parsed.success) {
      throw new ValidationError(issuesFromSchema(parsed.error.issues), options.source);
    }
    const space = Space.parse(parsed.data.space, { source: options.source, path: ["space"] });
    const seed = options.seed ?? parsed.data.seed ?? 0;
    const fidelity = parsed.data.fidelity ? Space.parse(parsed.data.fidelity, { source: options.source, path: ["fidelity"] }) : null;
    const sampler = createOptimizer(options.optimizer, { ...options.samplerOptions, seed }, { space, fidelity });
    const study = await createStudy({
      name: options.study ?? "optimizer-server",
      storage: options.storage ?? "memory:",
      space,
      objectives: parsed.data.objectives,
      sampler,
      logger: (message) => process.stderr.write(message + "\n"),
    });
    return new OptimizerServer(study);
  }

  /** Answers one request line; never throws. */
  async handle(line: string): Promise<string> {
    let id: string | number | null = idOf(line);
    try {
      const request = parseRequest(line);
      id = request.id;
      return resultLine(id, await this.call(request.method, request.params));
    } catch (error) {
      return errorLine(id, error);
    }
  }

  /** Serves `input` line by line until it ends. */
  async serve(input: Readable, output: Writable): Promise<void> {
    const lines = createInterface({ input, crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === "") continue;
      output.write((await this.handle(line)) + "\n");
    }
    await this.study.close();
  }

  private async call(method: string, params: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case "ask": {
        const trial = await this.study.ask();
        this.open.set(trial.number, trial);
        return { trial: trial.number, config: trial.config, fidelity: trial.fidelity, ...(trial.resumeFrom ? { resume_from: trial.resumeFrom.number } : {}) };
      }
      case "tell":
        return this.tell(params);
      case "best": {
        const best = this.study.bestTrials().map((t) => ({ trial: t.number, values: t.values, config: t.config, cost: t.cost }));
        return this.study.objectives.length === 1 ? { best: best[0] ?? null } : { best };
      }
      default:
        throw new RpcError(RPC_ERROR.methodNotFound, `method not found: "${method}" (expected ask, tell or best)`, "method_not_found");
    }
  }

  private async tell(raw: Record<string, unknown>): Promise<Record<string, never>> {
    const parsed = tellParams.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RpcError(RPC_ERROR.invalidParams, `invalid params: ${["params", ...issue.path].join(".")}: ${issue.message}`, "invalid_params");
    }
    const p = parsed.data;
    const trial = this.open.get(p.trial) ?? (await this.askedBefore(p.trial));
    if (trial === undefined) throw new RpcError(RPC_ERROR.invalidParams, `invalid params: trial ${p.trial} is not waiting for a result (ask for it first; tell it once)`, "invalid_params");
    if (p.state === "failed" || p.state === "pruned") {
      await this.study.tell(trial, { state: p.state, error: p.error, cost: p.cost });
    } else {
      if (p.values === undefined) throw new RpcError(RPC_ERROR.invalidParams, 'invalid params: "values" is required unless "state" is failed or pruned', "invalid_params");
      const told = await this.study.tell(trial, { values: p.values, cost: p.cost, constraints: p.constraints });
      if (told.state === "failed") {
        this.open.delete(p.trial);
        throw new RpcError(RPC_ERROR.invalidParams, `invalid params: ${told.error} (trial ${p.trial} is marked failed)`, "invalid_result");
      }
    }
    this.open.delete(p.trial);
    return {};
  }

  /**
   * A trial asked from an earlier server on the same storage and study (before a restart),
   * still running there: it is told by number. Undefined when there is no such trial.
   */
  private async askedBefore(number: number): Promise<number | undefined> {
    await this.study.refresh();
    return this.study.trials[number]?.state === "running" ? number : undefined;
  }
}
