import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { z } from "zod";
import type { Task } from "../bench/task/index.js";
import { errorLine, idOf, parseRequest, resultLine, RPC_ERROR, RpcError } from "./json-rpc.js";

const evaluateParams = z
  .object({
    // A simplex parameter's value is an object of weights; the space check below words any problem with it.
    config: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.record(z.string(), z.number())])),
    fidelity: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable().optional(),
    seed: z.number().int().nonnegative().optional(),
  })
  .strict();

/**
 * The task server: JSON-RPC 2.0, one object per line. `describe` returns the task's space,
 * objectives and known optimum; `evaluate` takes `{config, fidelity?, seed?}` and returns
 * `{values, cost, failed}`. A config outside the space gets an invalid-params error naming
 * the parameter. The server goes on after any bad line and stops at the end of its input.
 */
export class TaskServer {
  constructor(private readonly task: Task) {}

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

  async serve(input: Readable, output: Writable): Promise<void> {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      if (line.trim() !== "") output.write((await this.handle(line)) + "\n");
    }
  }

  private async call(method: string, params: Record<string, unknown>): Promise<unknown> {
    const task = this.task;
    if (method === "describe") {
      return {
        id: task.id,
        description: task.description,
        space: task.space.toJSON(),
        fidelity: task.fidelitySpace ? task.fidelitySpace.toJSON() : null,
        objectives: task.objectives,
        costs: task.costNames,
        optimum: task.optimum ?? null,
        worst: task.worst ?? null,
        license: task.license,
        synthetic: task.synthetic,
      };
    }
    if (method === "evaluate") {
      const parsed = evaluateParams.safeParse(params);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new RpcError(RPC_ERROR.invalidParams, `invalid params: ${["params", ...issue.path].join(".")}: ${issue.message}`, "invalid_params");
      }
      const issues = task.space.check(parsed.data.config, ["params", "config"]);
      if (issues.length > 0) throw new RpcError(RPC_ERROR.invalidParams, `invalid params: ${issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`, "invalid_params");
      const result = await task.evaluate(parsed.data.config, parsed.data.fidelity ?? null, parsed.data.seed ?? 0);
      return { values: result.values, cost: result.cost, failed: result.failed ?? false, ...(result.constraints ? { constraints: result.constraints } : {}) };
    }
    throw new RpcError(RPC_ERROR.methodNotFound, `method not found: "${method}" (expected describe or evaluate)`, "method_not_found");
  }
}
