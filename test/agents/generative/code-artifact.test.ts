import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outputOrThrow, runSandboxed } from "../../../src/agents/sandbox/index.js";
import type { ObjectiveFunction } from "../../../src/study/index.js";
import { ScriptedServer } from "../../llm/scripted-server.js";
import { lastUserMessage, layout, recordOf, reply, runGenerative } from "./harness.js";

describe("a code artifact run in the sandbox", () => {
  let server: ScriptedServer;
  let scratch: string;
  beforeAll(async () => {
    server = await ScriptedServer.start();
    scratch = mkdtempSync(join(tmpdir(), "knobs-code-artifact-"));
  });
  afterAll(async () => {
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Scores a sorting module: 1 when it sorts the input. A sandbox violation fails the trial with its reason. */
  const sortObjective: ObjectiveFunction = async (trial) => {
    const input = [5, 3, 9, 1];
    const output = outputOrThrow(await runSandboxed({ code: String(trial.config.solver), input, timeoutMs: 20_000, memoryMb: 64, scratchDir: scratch }));
    await trial.setUserAttr("feedback", [`input ${JSON.stringify(input)}`, `output ${JSON.stringify(output)}`]);
    return JSON.stringify(output) === JSON.stringify([1, 3, 5, 9]) ? 1 : 0;
  };

  it("fails trials whose code breaks a limit with the reason, and the update reads that reason", async () => {
    const fixed = "export default (numbers) => [...numbers].sort((a, b) => a - b);";
    server.script("/chat/completions", reply({ reasoning: "Reading files is not allowed; sort the input instead.", artifact: fixed }));
    const study = await runGenerative({
      server,
      space: { solver: { type: "text", default: 'import { readFileSync } from "node:fs";\nexport default () => JSON.parse(readFileSync("/etc/numbers.json", "utf8"));', format: "code" } },
      options: { validation: false },
      objective: sortObjective,
      trials: 3,
    });
    expect(layout(study.trials)).toBe("0t 0t 1t");
    expect(study.trials.map((trial) => trial.state)).toEqual(["failed", "failed", "complete"]);
    const error = `filesystem: the code tried to read outside the scratch folder ${realpathSync(scratch)}: Access to this API has been restricted`;
    expect(study.trials[0].error).toBe(error);
    const prompt = lastUserMessage(server.requests("/chat/completions")[0]);
    expect(prompt).toContain(`<trial number="0" result="failed, no score">\nerror: ${error}\n</trial>`);
    expect(study.trials[2].config.solver).toBe(fixed);
    expect(study.trials[2].values).toEqual([1]);
    expect(recordOf(study.trials[2]).reasoning).toBe("Reading files is not allowed; sort the input instead.");
  });
});
