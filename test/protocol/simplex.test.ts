import { describe, expect, it } from "vitest";
import { getTask } from "../../src/bench/builtin/index.js";
import { OptimizerServer, TaskServer } from "../../src/protocol/index.js";

const SPEC = {
  space: { mix: { type: "simplex", components: ["web", "code", "books"], floor: 0.05 }, lr: { type: "float", low: 0.001, high: 0.1, log: true } },
  fidelity: null,
  objectives: [{ name: "loss", direction: "minimize" }],
  seed: 0,
};

describe("the protocols carry a simplex as an object of weights", () => {
  it("serve optimizer: ask returns weights summing to 1, tell and best round-trip them", async () => {
    const server = await OptimizerServer.create({ spec: SPEC, optimizer: "tpe", seed: 2 });
    const call = async (message: object) => JSON.parse(await server.handle(JSON.stringify({ jsonrpc: "2.0", ...message })));
    let bestLoss = Infinity;
    for (let id = 1; id <= 14; id++) {
      const { trial, config } = (await call({ id, method: "ask" })).result;
      expect(Object.keys(config.mix)).toEqual(["web", "code", "books"]);
      const weights = Object.values(config.mix) as number[];
      expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      expect(Math.min(...weights)).toBeGreaterThanOrEqual(0.05 - 1e-9);
      const loss = 1 - config.mix.code;
      bestLoss = Math.min(bestLoss, loss);
      expect((await call({ id: 100 + id, method: "tell", params: { trial, values: [loss] } })).result).toEqual({});
    }
    const { best } = (await call({ id: 200, method: "best" })).result;
    expect(1 - best.config.mix.code).toBe(bestLoss);
  });

  it("serve task: describe gives the simplex definition and evaluate takes weights", async () => {
    const server = new TaskServer(getTask("regmix/60m"));
    const call = async (message: object) => JSON.parse(await server.handle(JSON.stringify({ jsonrpc: "2.0", ...message })));
    const described = (await call({ id: 1, method: "describe" })).result;
    expect(described.space.mix.type).toBe("simplex");
    expect(described.space.mix.components).toHaveLength(17);
    const even = Object.fromEntries(described.space.mix.components.map((c: string) => [c, 1 / 17]));
    const evaluated = await call({ id: 2, method: "evaluate", params: { config: { mix: even }, fidelity: { model: "60M" }, seed: 0 } });
    expect(evaluated.result.values).toHaveLength(2);
    const bad = await call({ id: 3, method: "evaluate", params: { config: { mix: { ...even, arxiv: 0.5 } }, fidelity: null, seed: 0 } });
    expect(bad.error.message).toMatch(/mix.*weights summing to 1/);
  });
});
