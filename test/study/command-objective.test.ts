import { describe, expect, it } from "vitest";
import { float } from "../../src/space/index.js";
import { commandObjective, createStudy } from "../../src/study/index.js";
import { BoundedTail } from "../../src/study/objectives/bounded-tail.js";

/** Runs one trial of `script` (a node program) as a command objective; returns the stored trial. */
async function runOnce(script: string) {
  const study = await createStudy({ name: "c", storage: "memory:", space: { x: float(0, 1) }, logger: () => {} });
  await study.optimize(commandObjective({ command: `node -e '${script}'` }), { budget: { trials: 1 } });
  return study.trials[0];
}

describe("command objective output", () => {
  it("reads the last JSON line after more than 4 MiB of logs", async () => {
    // 6 MiB of log lines, then the result.
    const trial = await runOnce(`const line = "log ".repeat(255) + "\\n"; for (let i = 0; i < 6 * 1024; i++) process.stdout.write(line); console.log(JSON.stringify({ values: [0.25] }));`);
    expect(trial).toMatchObject({ state: "complete", values: [0.25] });
  });

  it("says the output was cut when no JSON line is in the kept last 4 MiB", async () => {
    const trial = await runOnce(`const line = "log ".repeat(255) + "\\n"; for (let i = 0; i < 6 * 1024; i++) process.stdout.write(line);`);
    expect(trial.state).toBe("failed");
    expect(trial.error).toBe(
      "the command printed no JSON line in the last 4.0 MiB of its stdout (it printed 6.0 MiB; only the last 4.0 MiB are kept, so the result must be a line there)",
    );
  });

  it("shows the last stderr lines after a lot of stderr", async () => {
    const trial = await runOnce(`const line = "noise ".repeat(170) + "\\n"; for (let i = 0; i < 8 * 1024; i++) process.stderr.write(line); process.stderr.write("the real reason\\n"); process.exitCode = 4;`);
    expect(trial.state).toBe("failed");
    expect(trial.error).toMatch(/^the command exited with code 4: \.\.\.[a-z ]+\| the real reason$/);
    expect(trial.error!.length).toBeLessThan(600);
  });
});

describe("BoundedTail", () => {
  it("keeps the whole stream while it fits, then the last whole lines within the limit", () => {
    const tail = new BoundedTail(10);
    tail.push("ab\n");
    tail.push("cd\n");
    expect([tail.text(), tail.truncated]).toEqual(["ab\ncd\n", false]);
    for (const chunk of ["efgh\n", "ijkl\n", "mn", "op\n"]) tail.push(chunk);
    expect(tail.truncated).toBe(true);
    expect(tail.total).toBe(21);
    expect(tail.text()).toBe("mnop\n");
  });

  it("holds at most the limit plus one chunk, however much is pushed", () => {
    const tail = new BoundedTail(1000);
    for (let i = 0; i < 10_000; i++) tail.push(`line ${i}\n`);
    const text = tail.text();
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(text.endsWith("line 9999\n")).toBe(true);
    expect(text.startsWith("line ")).toBe(true);
    expect(tail.total).toBeGreaterThan(50 * 1000);
  });
});
