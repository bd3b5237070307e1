import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createOptimizer } from "../../src/agents/index.js";
import { float, int, Space } from "../../src/space/index.js";
import { dryRun, dryRunText } from "../../src/study/index.js";
import { runCli, useTmpDir } from "../helpers/cli.js";

const space = Space.parse({ x: float(-5, 5), n: int(1, 10) });
const objectives = [{ name: "loss", direction: "minimize" as const }];
const tmp = useTmpDir();

describe("dry run: what an LLM-guided optimizer would ask and spend, before paying", () => {
  it("records every decision's prompt over a simulated run and prices it from the table", async () => {
    const report = await dryRun({
      space,
      objectives,
      trials: 20,
      llm: { model: "gpt-4o-mini" },
      makeOptimizer: (llm) => createOptimizer("hybrid", { llm, share: 0.5, startupTrials: 2 } as never),
    });
    // 18 trials after the startup, half of them the LLM's.
    expect(report.calls).toHaveLength(9);
    expect(report.calls[0]!.request.messages.map((message) => message.role)).toEqual(["system", "user"]);
    expect(report.calls[0]!.request.messages[1]!.content).toMatch(/^Trial 3 \(3 complete so far\)/);
    // Later prompts carry more history.
    expect(report.calls[8]!.inputTokens).toBeGreaterThan(report.calls[0]!.inputTokens);
    expect(report.inputTokens).toBe(report.calls.reduce((sum, call) => sum + call.inputTokens, 0));
    // gpt-4o-mini: $0.15 / $0.60 per million input / output tokens.
    expect(report.usd).toBeCloseTo((report.inputTokens * 0.15 + report.outputTokens * 0.6) / 1e6, 12);
    expect(dryRunText(report, "hybrid")).toMatch(/Model gpt-4o-mini: 9 LLM calls/);
  });

  it("says when the model has no price, and when the optimizer calls no LLM", async () => {
    const local = await dryRun({ space, objectives, trials: 8, llm: { model: "local:./nowhere.gguf" }, makeOptimizer: (llm) => createOptimizer("hybrid", { llm, startupTrials: 1, share: 1 } as never) });
    expect(local.calls).toHaveLength(7);
    expect(local.usd).toBeNull();
    expect(dryRunText(local, "hybrid")).toMatch(/unknown \(no price for local:\.\/nowhere\.gguf/);
    const plain = await dryRun({ space, objectives, trials: 5, llm: undefined, makeOptimizer: () => createOptimizer("tpe", {}) });
    expect(dryRunText(plain, "tpe")).toBe('Optimizer "tpe" calls no LLM: a run has no optimizer spend.');
  });

  it("knobs optimize --dry-run prints the calls, runs no objective and stores nothing", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "objective.mjs"), `import { writeFileSync } from "node:fs";\nexport async function evaluate() { writeFileSync("ran", "1"); return { values: { loss: 1 } }; }\n`);
    writeFileSync(
      join(dir, "study.yaml"),
      `study: dry
storage: sqlite:knobs.db
objectives: [{name: loss, direction: minimize}]
space:
  x: {type: float, low: -5, high: 5}
objective: {module: ./objective.mjs#evaluate}
optimizer: {name: hybrid, share: 0.5, startupTrials: 2, llm: {model: gpt-4o-mini}}
budget: {trials: 10}
`,
    );
    const result = await runCli(["optimize", "study.yaml", "--dry-run"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Dry run of "hybrid" for 10 trials/);
    expect(result.stdout).toMatch(/Model gpt-4o-mini: 4 LLM calls/);
    expect(result.stdout).toMatch(/Estimated cost per run: at most \$0\.\d{4}/);
    expect(result.stdout).toMatch(/--- call 1 of 4[^\n]*\n\[system\]\nYou tune the configuration/);
    expect(existsSync(join(dir, "knobs.db"))).toBe(false);
    expect(existsSync(join(dir, "ran"))).toBe(false);
    const json = await runCli(["optimize", "study.yaml", "--dry-run", "--json"], { cwd: dir });
    const parsed = JSON.parse(json.stdout);
    expect(parsed).toMatchObject({ optimizer: "hybrid", model: "gpt-4o-mini", trials: 10 });
    expect(parsed.calls).toHaveLength(4);
  });
});
