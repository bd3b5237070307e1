import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { optimizerNames } from "../../src/optimizers/index.js";
import { CLI, useTmpDir, writeFiles } from "../helpers/cli.js";

const tmp = useTmpDir();
const CLIENT = join(import.meta.dirname, "optimizer_client.py");
const SPEC = {
  space: {
    x: { type: "float", low: -1, high: 1 },
    y: { type: "float", low: -1, high: 1 },
    kind: { type: "categorical", choices: ["a", "b"] },
  },
  fidelity: null,
  objectives: [{ name: "loss", direction: "minimize" }],
  seed: 0,
};

interface ClientRun {
  proposals: { trial: number; config: { x: number; y: number; kind: string }; fidelity: unknown }[];
  bad: Record<string, { id: number | null; error: { code: number; message: string } }>;
  best: { trial: number; values: number[]; config: Record<string, unknown> };
  exit: number;
}

function runClient(optimizer: string, seed: number, trials: number): ClientRun {
  const dir = tmp();
  writeFiles(dir, { "spec.json": JSON.stringify(SPEC) });
  const out = execFileSync("python3", [CLIENT, CLI, join(dir, "spec.json"), optimizer, String(seed), String(trials)], { encoding: "utf8" });
  return JSON.parse(out);
}

describe("knobs serve optimizer, driven from Python", () => {
  it.each(optimizerNames("sampler"))("serves %s: ask, tell, best, and survives bad lines", (optimizer) => {
    const run = runClient(optimizer, 3, 24);
    expect(run.exit).toBe(0);
    expect(run.proposals.map((p) => p.trial)).toEqual([...Array(24).keys()]);
    for (const { config } of run.proposals) {
      expect(Math.abs(config.x)).toBeLessThanOrEqual(1);
      expect(["a", "b"]).toContain(config.kind);
    }
    expect(run.bad.not_json).toMatchObject({ id: null, error: { code: -32700 } });
    expect(run.bad.unknown_method.error).toEqual({ code: -32601, message: 'method not found: "optimize" (expected ask, tell or best)', data: { code: "method_not_found" } });
    expect(run.bad.tell_unknown_trial.error.message).toBe("invalid params: trial 9999 is not waiting for a result (ask for it first; tell it once)");
    expect(run.bad.tell_missing_values.error.message).toBe('invalid params: "values" is required unless "state" is failed or pruned');
    const losses = run.proposals.map(({ config }) => (config.x - 0.3) ** 2 + (config.y + 0.2) ** 2 + (config.kind === "b" ? 0 : 0.5));
    expect(run.best.values[0]).toBeCloseTo(Math.min(...losses), 12);
  });

  it("gives the same proposals for the same seed and others for another seed", () => {
    const a = runClient("random", 5, 5).proposals;
    expect(runClient("random", 5, 5).proposals).toEqual(a);
    expect(runClient("random", 6, 5).proposals).not.toEqual(a);
  });
});

describe("knobs serve optimizer with storage, restarted", () => {
  /** One server process: sends the lines, closes its input (the server then exits), returns the answers. */
  const serve = (dir: string, lines: object[]): { result?: Record<string, unknown>; error?: { message: string } }[] => {
    const input = lines.map((line, i) => JSON.stringify({ jsonrpc: "2.0", id: i + 1, ...line }) + "\n").join("");
    const out = execFileSync(process.execPath, [CLI, "serve", "optimizer", "--spec", join(dir, "spec.json"), "--optimizer", "tpe", "--storage", `sqlite:${join(dir, "s.db")}`, "--study", "s"], {
      input,
      encoding: "utf8",
    });
    return out.trim().split("\n").map((line) => JSON.parse(line));
  };

  it("accepts tells for trials the server handed out before it restarted", async () => {
    const dir = tmp();
    writeFiles(dir, { "spec.json": JSON.stringify(SPEC) });
    const asked = serve(dir, [{ method: "ask" }, { method: "ask" }, { method: "tell", params: { trial: 0, values: [0.5] } }]);
    expect(asked.map((answer) => answer.error)).toEqual([undefined, undefined, undefined]);
    // A new server on the same storage: trial 1 was handed out by the one before.
    const after = serve(dir, [
      { method: "tell", params: { trial: 1, values: [0.25] } },
      { method: "tell", params: { trial: 1, values: [0.1] } },
      { method: "tell", params: { trial: 0, values: [0.1] } },
      { method: "ask" },
      { method: "best" },
    ]);
    expect(after[0]).toEqual({ jsonrpc: "2.0", id: 1, result: {} });
    // Told once only, whichever server asked it.
    expect(after[1].error?.message).toBe("invalid params: trial 1 is not waiting for a result (ask for it first; tell it once)");
    expect(after[2].error?.message).toBe("invalid params: trial 0 is not waiting for a result (ask for it first; tell it once)");
    expect(after[3].result).toMatchObject({ trial: 2 });
    expect(after[4].result).toMatchObject({ best: { trial: 1, values: [0.25] } });
    const { openStorage } = await import("../../src/storage/index.js");
    const storage = await openStorage(`sqlite:${join(dir, "s.db")}`, { readOnly: true });
    const trials = await storage.getTrials((await storage.getStudy("s"))!.id);
    await storage.close();
    expect(trials.map((t) => [t.number, t.state, t.values])).toEqual([
      [0, "complete", [0.5]],
      [1, "complete", [0.25]],
      [2, "running", null],
    ]);
  });
});

describe("knobs serve optimizer and values that are not finite", () => {
  it("fails the trial told Infinity, -Infinity or NaN (bare, as Python prints them, or 1e999) with the reason", async () => {
    const { OptimizerServer } = await import("../../src/protocol/index.js");
    const server = await OptimizerServer.create({ spec: SPEC, optimizer: "random" });
    const call = async (line: string) => JSON.parse(await server.handle(line));
    const tells = ['{"loss": -Infinity}', "[1e999]", '{"loss": NaN}', "[0.5]"];
    const answers = [];
    for (const [i, values] of tells.entries()) {
      const { trial } = (await call(`{"jsonrpc":"2.0","id":${i},"method":"ask"}`)).result;
      answers.push(await call(`{"jsonrpc":"2.0","id":${10 + i},"method":"tell","params":{"trial":${trial},"values":${values}}}`));
    }
    const failed = (what: string, trial: number) => ({
      jsonrpc: "2.0",
      id: 10 + trial,
      error: { code: -32602, message: `invalid params: objective "loss" is ${what}: expected a finite number (trial ${trial} is marked failed)`, data: { code: "invalid_result" } },
    });
    expect(answers).toEqual([failed("-Infinity", 0), failed("Infinity", 1), failed("NaN", 2), { jsonrpc: "2.0", id: 13, result: {} }]);
    expect((await call('{"jsonrpc":"2.0","id":20,"method":"best"}')).result.best).toMatchObject({ trial: 3, values: [0.5] });
  });
});

describe("knobs serve optimizer with a multi-fidelity scheduler", () => {
  it("answers ask with the fidelity to run", async () => {
    const { OptimizerServer } = await import("../../src/protocol/index.js");
    const spec = { ...SPEC, fidelity: { examples: { type: "ordinal", values: [10, 30, 90] } } };
    const server = await OptimizerServer.create({ spec, optimizer: "asha", seed: 1 });
    const fidelities: unknown[] = [];
    const asks: { trial: number; config: unknown; fidelity: unknown; resume_from?: number }[] = [];
    for (let id = 1; id <= 12; id++) {
      const asked = JSON.parse(await server.handle(JSON.stringify({ jsonrpc: "2.0", id, method: "ask" }))).result;
      fidelities.push(asked.fidelity);
      asks.push(asked);
      const loss = (asked.config.x - 0.3) ** 2 + (asked.config.y + 0.2) ** 2;
      await server.handle(JSON.stringify({ jsonrpc: "2.0", id: 100 + id, method: "tell", params: { trial: asked.trial, values: [loss] } }));
    }
    expect(fidelities[0]).toEqual({ examples: 10 });
    // ASHA promotes the best of the first rung to the next level.
    expect(fidelities).toContainEqual({ examples: 30 });
    // A promotion names the trial whose run it continues; a new configuration does not.
    const promoted = asks.find((a) => JSON.stringify(a.fidelity) === JSON.stringify({ examples: 30 }))!;
    expect(asks[promoted.resume_from!]).toMatchObject({ config: promoted.config, fidelity: { examples: 10 } });
    expect(asks[0].resume_from).toBeUndefined();
  });

  it("refuses a scheduler without a fidelity space", async () => {
    const { OptimizerServer } = await import("../../src/protocol/index.js");
    await expect(OptimizerServer.create({ spec: SPEC, optimizer: "asha" })).rejects.toThrow(/optimizer "asha" is a multi-fidelity scheduler and needs a fidelity space/);
  });
});
