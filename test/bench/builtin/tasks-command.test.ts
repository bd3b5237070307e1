import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerTasks, type TaskSummary } from "../../../src/cli/commands/tasks.js";

async function run(args: string[]): Promise<string> {
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const program = new Command("knobs").exitOverride();
  registerTasks(program);
  await program.parseAsync(["node", "knobs", "tasks", ...args]);
  return out;
}

describe("knobs tasks", () => {
  afterEach(() => vi.restoreAllMocks());

  it("prints a table of tasks", async () => {
    const out = await run([]);
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^task\s+kind\s+params\s+rows\s+fidelities\s+objectives\s+optimum\s+near opt\.\s+license\s+synthetic$/);
    expect(lines.find((l) => l.startsWith("llmsys/naiverag "))).toMatch(/tabular\s+12\s+1000\s+1\s+Answer_llmaaj \(max\), Test_Time \(min\)\s+0\.87625\s+0\.2%\s+CC-BY-4\.0$/);
    expect(lines.find((l) => l.startsWith("regmix "))).toMatch(/tabular\s+1\s+1088\s+3\s+/);
    expect(lines.find((l) => l.startsWith("synthetic/branin "))).toMatch(/MIT\s+yes$/);
    // 34 tasks, then a blank line and the note on the near-optimal share.
    expect(lines.length).toBe(37);
    expect(lines.at(-1)).toMatch(/^near opt\.: share of the recorded rows within regret 0\.05 of the optimum\./);
  });

  it("prints JSON with rows, fidelities, license, synthetic flag and surrogate fit quality", async () => {
    const summaries = JSON.parse(await run(["--json"])) as TaskSummary[];
    const regmix = summaries.find((s) => s.id === "regmix") as TaskSummary;
    expect(regmix).toMatchObject({ kind: "tabular", parameters: 1, rows: 1088, fidelities: 3, license: "MIT", synthetic: false });
    expect(regmix.fidelityLevels).toEqual([{ model: "1M" }, { model: "60M" }, { model: "1B" }]);
    const surrogate = summaries.find((s) => s.id === "surrogate/regmix") as TaskSummary;
    expect(surrogate.fit?.map((f) => f.test)).toEqual([154, 51, 13]);
    expect(typeof surrogate.fit?.[0].objectives[0].r2).toBe("number");
    expect(summaries.find((s) => s.id === "synthetic/branin")).toMatchObject({ synthetic: true, rows: null, optimum: 5 / (4 * Math.PI) });
  });
});
