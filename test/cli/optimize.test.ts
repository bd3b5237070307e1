import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStorage } from "../../src/storage/index.js";
import { runCli, useTmpDir, writeFiles } from "../helpers/cli.js";

const tmp = useTmpDir();

/** A Node objective script whose behaviour is picked by the `mode` parameter. */
const MODES_SCRIPT = `
let input = "";
process.stdin.on("data", (d) => (input += d)).on("end", () => {
  const { config, trial } = JSON.parse(input);
  switch (config.mode) {
    case "ok": console.log("a log line"); console.log(JSON.stringify({ values: { score: trial }, cost: { usd: 0.5 } })); break;
    case "exit": console.error("something broke"); process.exit(3);
    case "nojson": console.log("hello"); break;
    case "nan": console.log('{"values": {"score": NaN}}'); break;
    case "missing": console.log(JSON.stringify({ values: { other: 1 } })); break;
    case "slow": setTimeout(() => console.log("{}"), 60000); break;
  }
});
`;

const MODES_CONFIG = `
study: modes
direction: maximize
objectives: [{name: score, direction: maximize}]
space:
  mode: {type: categorical, choices: [ok, exit, nojson, nan, missing, slow]}
objective: {command: node modes.mjs}
optimizer: {name: random, seed: 3}
budget: {trials: 6}
enqueue: [{mode: ok}, {mode: exit}, {mode: nojson}, {mode: nan}, {mode: missing}, {mode: slow}]
concurrency: 3
timeout: 1500
`.replace("direction: maximize\n", "");

describe("knobs optimize", () => {
  it("fails each broken trial with its reason and goes on", async () => {
    const dir = tmp();
    writeFiles(dir, { "modes.mjs": MODES_SCRIPT, "study.yaml": MODES_CONFIG });
    const run = await runCli(["optimize", "study.yaml", "--json"], { cwd: dir });
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.stopReason).toBe("trial budget reached (6)");
    expect(summary.trials).toMatchObject({ total: 6, complete: 1, failed: 5 });
    expect(summary.spend.total).toEqual({ usd: 0.5 });

    const trials = JSON.parse((await runCli(["trials", "modes", "--json"], { cwd: dir })).stdout);
    const byMode = Object.fromEntries(trials.map((t: { config: { mode: string } }) => [t.config.mode, t]));
    expect(byMode.ok.state).toBe("complete");
    expect(byMode.exit.error).toBe("the command exited with code 3: something broke");
    expect(byMode.nojson.error).toBe('the command printed no JSON on stdout: "hello"');
    expect(byMode.nan.error).toBe('objective "score" is NaN: expected a finite number');
    expect(byMode.missing.error).toBe('the result has no value for objective "score" (got keys: other)');
    expect(byMode.slow.error).toBe("the objective did not finish within 1500 ms");
    // Warnings name the trial, its config and the reason.
    expect(run.stderr).toMatch(/Trial \d+ failed with config \{"mode":"exit"\}: the command exited with code 3/);
  });

  it("fails a trial whose command or module objective gives Infinity or -Infinity, like NaN", async () => {
    const dir = tmp();
    const space = "space: {mode: {type: categorical, choices: [bare, overflow, ok]}}\n";
    const rest = "optimizer: random\nbudget: {trials: 3}\nenqueue: [{mode: bare}, {mode: overflow}, {mode: ok}]\n";
    writeFiles(dir, {
      // Bare -Infinity as Python's json.dumps prints it, and 1e999 (Infinity to JSON.parse).
      "inf.mjs": `let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => { const m = JSON.parse(s).config.mode; console.log(m === "bare" ? '{"values": {"score": -Infinity}}' : m === "overflow" ? '{"values": [1e999]}' : '{"values": [1]}'); });`,
      "inf-module.mjs": "export default (config) => (config.mode === 'bare' ? -Infinity : config.mode === 'overflow' ? { values: { score: Infinity } } : 1);",
      "command.yaml": `study: cmd\nobjectives: [{name: score, direction: minimize}]\n${space}objective: {command: node inf.mjs}\n${rest}`,
      "module.yaml": `study: mod\nobjectives: [{name: score, direction: minimize}]\n${space}objective: {module: ./inf-module.mjs}\n${rest}`,
    });
    for (const [file, study] of [["command.yaml", "cmd"], ["module.yaml", "mod"]]) {
      const run = await runCli(["optimize", file, "--json"], { cwd: dir });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ trials: { total: 3, complete: 1, failed: 2 }, best: [{ values: [1] }] });
      const trials = JSON.parse((await runCli(["trials", study, "--json"], { cwd: dir })).stdout);
      expect(trials.map((t: { state: string; error: string | null }) => [t.state, t.error])).toEqual([
        ["failed", 'objective "score" is -Infinity: expected a finite number'],
        ["failed", 'objective "score" is Infinity: expected a finite number'],
        ["complete", null],
      ]);
    }
  });

  it("exits 3 when no trial completes, and prints trial lines when not on a terminal", async () => {
    const dir = tmp();
    writeFiles(dir, {
      "study.yaml": "study: broken\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: exit 1}\nbudget: {trials: 2}\n",
    });
    const run = await runCli(["optimize", "study.yaml"], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("trial 0 failed: the command exited with code 1");
    expect(run.stdout).toContain('Study "broken": 2 trials (0 complete, 2 failed, 0 pruned)');
  });

  it("runs a TypeScript module objective and resumes the study on a second run", async () => {
    const dir = tmp();
    writeFiles(dir, {
      "objective.ts": `
        export async function evaluate(config: Record<string, number | string>, trial: { addCost(c: Record<string, number>): void }) {
          trial.addCost({ usd: 0.01 });
          if (config.kind === "b") return { values: { loss: (config.x as number) ** 2 + (config.y as number) } };
          return { values: { loss: (config.x as number) ** 2 + 1 } };
        }`,
      "study.yaml": [
        "study: quad",
        "objectives: [{name: loss, direction: minimize}]",
        "space:",
        "  x: {type: float, low: -2, high: 2}",
        "  kind: {type: categorical, choices: [a, b]}",
        "  y: {type: float, low: 0, high: 1, when: {kind: b}}",
        "objective: {module: ./objective.ts#evaluate}",
        "optimizer: {name: random, seed: 7}",
        "budget: {trials: 8}",
        "enqueue: [{x: 0, kind: b, y: 0}]",
      ].join("\n"),
    });
    const first = await runCli(["optimize", "study.yaml", "--json"], { cwd: dir });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const one = JSON.parse(first.stdout);
    expect(one.trials.complete).toBe(8);
    // The enqueued configuration ran first and is the optimum.
    expect(one.best[0]).toMatchObject({ number: 0, values: [0], config: { x: 0, kind: "b", y: 0 } });
    expect(one.spend.total.usd).toBeCloseTo(0.08);

    writeFiles(dir, { "study.yaml": (await import("node:fs")).readFileSync(`${dir}/study.yaml`, "utf8").replace("trials: 8", "trials: 12") });
    const second = JSON.parse((await runCli(["optimize", "study.yaml", "--json"], { cwd: dir })).stdout);
    expect(second.run.complete).toBe(4);
    expect(second.trials.total).toBe(12);

    const csv = (await runCli(["trials", "quad", "--csv"], { cwd: dir })).stdout.trim().split("\n");
    expect(csv[0]).toBe("number,state,loss,param:x,param:kind,param:y,cost:usd,duration_ms,error");
    expect(csv).toHaveLength(13);
    expect(csv[1]).toMatch(/^0,complete,0,0,b,0,0.01,\d+,$/);

    const best = JSON.parse((await runCli(["best", "quad", "--json"], { cwd: dir })).stdout);
    expect(best.number).toBe(0);
    const studies = JSON.parse((await runCli(["studies", "--json"], { cwd: dir })).stdout);
    expect(studies).toEqual([expect.objectContaining({ name: "quad", trials: 12, complete: 12, best: 0 })]);
  });
});

describe("knobs optimize with a pruner", () => {
  it("prunes the trials whose intermediate values lag (pruner: median in the config)", async () => {
    const dir = tmp();
    writeFiles(dir, {
      "objective.ts": [
        "export async function run(config: { x: number }, trial: any) {",
        "  for (let step = 0; step < 5; step++) {",
        "    await trial.report(config.x, step);",
        '    if (trial.shouldPrune()) throw Object.assign(new Error("pruned"), { code: "trial_pruned" });',
        "  }",
        "  return config.x;",
        "}",
        "",
      ].join("\n"),
      "study.yaml": "study: p\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {module: ./objective.ts#run}\npruner: {name: median, startupTrials: 2}\nbudget: {trials: 5}\nenqueue: [{x: 0.1}, {x: 0.2}, {x: 0.9}, {x: 0.05}, {x: 0.95}]\n",
    });
    const run = await runCli(["optimize", "study.yaml", "--json"], { cwd: dir });
    expect(run.code).toBe(0);
    const trials = JSON.parse((await runCli(["trials", "p", "--json"], { cwd: dir })).stdout);
    expect(trials.map((t: { state: string }) => t.state)).toEqual(["complete", "complete", "pruned", "complete", "pruned"]);
  });
});

describe("knobs optimize: bad input", () => {
  const cases: [string, string, string][] = [
    ["malformed YAML", "study: s\nspace: {x: {type: float, low: 0, high: 1}\nobjective: {command: 'true'}\n", "knobs: study.yaml:3:1: malformed YAML: "],
    ["an unknown parameter type", "study: s\nspace: {x: {type: flot, low: 0, high: 1}}\nobjective: {command: 'true'}\n", 'knobs: study.yaml: space.x.type: unknown parameter type "flot": expected one of float, int, categorical, ordinal, text, simplex'],
    ["low > high", "study: s\nspace: {x: {type: int, low: 5, high: 1}}\nobjective: {command: 'true'}\n", "knobs: study.yaml: space.x.low: low <= high must hold, but got low=5, high=1"],
    ["log with low <= 0", "study: s\nspace: {x: {type: float, low: 0, high: 1, log: true}}\nobjective: {command: 'true'}\n", "knobs: study.yaml: space.x.low: log scale needs low > 0, but got low=0"],
    ["a when naming an unknown parameter", "study: s\nspace: {x: {type: float, low: 0, high: 1, when: {mode: a}}}\nobjective: {command: 'true'}\n", 'knobs: study.yaml: space.x.when.mode: "when" names unknown parameter "mode": expected one of (no other parameter)'],
    ["an unknown key", "study: s\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: 'true'}\nbudgett: {trials: 3}\n", 'knobs: study.yaml: (root): unknown key "budgett"'],
    ["two objective kinds", "study: s\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: 'true', module: a.ts}\n", "knobs: study.yaml: objective: expected exactly one of command, module or task, received command and module"],
    ["a bad budget", "study: s\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: 'true'}\nbudget: {wall: soon}\n", 'knobs: study.yaml: budget.wall: expected a duration like 90s, 30m, 1h or milliseconds, received "soon"'],
    ["an unknown optimizer", "study: s\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: 'true'}\noptimizer: simulated-annealing\n", 'knobs: unknown optimizer "simulated-annealing": expected one of '],
    ["a misspelt sampler option", "study: s\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: 'true'}\noptimizer: {name: cmaes, popSize: 8}\n", "knobs: study.yaml: optimizer.popSize: unknown option: expected one of seed, sigma0, popsize, restarts"],
    ["a bad sampler option", "study: s\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: 'true'}\noptimizer: {name: tpe, gamma: 2}\n", "knobs: study.yaml: optimizer.gamma: expected a function or a number in (0, 1], received 2"],
    ["a missing module", "study: s\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {module: ./nope.ts#run}\n", "knobs: study.yaml: objective.module: expected a module file, but "],
    ["a NUL in the study name", 'study: "a\\0b"\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: \'true\'}\n', 'knobs: study.yaml: study: expected a study name in valid UTF-8 without NUL characters, received "a\\u0000b" (it holds a NUL character)'],
    ["an objective named twice", "study: s\nobjectives: [{name: a, direction: minimize}, {name: a, direction: maximize}]\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: 'true'}\n", 'knobs: study.yaml: objectives[1].name: objective "a" is named twice: expected distinct objective names'],
    ["a missing file", "", "knobs: missing.yaml: cannot read the file (ENOENT)"],
  ];
  it.each(cases)("names the file, path and expectation for %s, exit 2", async (_name, yaml, message) => {
    const dir = tmp();
    const file = yaml ? "study.yaml" : "missing.yaml";
    if (yaml) writeFiles(dir, { "study.yaml": yaml });
    const run = await runCli(["optimize", file], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith(message)).toBe(true);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("refuses a study name that is not valid UTF-8 and stores nothing", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "study.yaml"), Buffer.concat([Buffer.from("study: caf"), Buffer.from([0xe9]), Buffer.from("\nspace: {x: {type: float, low: 0, high: 1}}\nobjective: {command: 'true'}\n")]));
    const run = await runCli(["optimize", "study.yaml"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('knobs: study.yaml: study: expected a study name in valid UTF-8 without NUL characters, received "caf\uFFFD" (it holds U+FFFD, the mark of bytes that were not valid UTF-8)\n');
    expect(existsSync(join(dir, "knobs.db"))).toBe(false);
  });

  it("reports an unknown study with the names there are", async () => {
    const dir = tmp();
    // An existing storage with no study (a missing file is another error: see storage-errors.test.ts).
    await (await openStorage(`sqlite:${join(dir, "knobs.db")}`)).close();
    const run = await runCli(["best", "nope"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('knobs: no study named "nope" in this storage (this storage has no study)\n');
  });
});
