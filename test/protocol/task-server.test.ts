import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI } from "../helpers/cli.js";

const CLIENT = join(import.meta.dirname, "task_client.py");

describe("knobs serve task, driven from Python", () => {
  it("describes a task, evaluates configurations and survives bad lines", () => {
    const out = JSON.parse(execFileSync("python3", [CLIENT, CLI, "synthetic/branin", "200"], { encoding: "utf8" }));
    expect(out.exit).toBe(0);
    expect(out.description).toMatchObject({ id: "synthetic/branin", objectives: [{ name: "value", direction: "minimize" }], synthetic: true });
    expect(out.description.optimum).toBeCloseTo(0.397887, 5);
    expect(Object.keys(out.description.space)).toEqual(["x1", "x2"]);
    // 200 random points on Branin land within a few units of the optimum, never below it.
    expect(out.best).toBeGreaterThanOrEqual(0.397887);
    expect(out.best).toBeLessThan(5);
    expect(out.bad.unknown_method.error.code).toBe(-32601);
    expect(out.bad.bad_config.error.code).toBe(-32602);
    expect(out.bad.bad_config.error.message).toMatch(/^invalid params: params\.config\./);
  });
});
