import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { etaText, ProgressBar } from "../../src/cli/output/progress-bar.js";
import { CLI, useTmpDir } from "../helpers/cli.js";

const tmp = useTmpDir();

describe("ProgressBar", () => {
  it("redraws one line with the count and an ETA from the rate so far, at most every 100 ms, and logs above it", () => {
    let now = 0;
    let out = "";
    const bar = new ProgressBar({ total: 10, unit: "runs", stream: { write: (text: string) => (out += text) }, now: () => now });
    now = 2000;
    bar.update(1, "a");
    now = 2050;
    bar.update(2, "b"); // under 100 ms since the last draw: skipped
    now = 4000;
    bar.update(2, "c");
    bar.log("run 2 failed");
    now = 20_000;
    bar.update(10, "d");
    bar.done();
    expect(out.split("\r\x1b[K")).toEqual([
      "",
      "[##----------------------] 1/10 runs  ETA 18s  a",
      "[#####-------------------] 2/10 runs  ETA 16s  c",
      "run 2 failed\n",
      "[#####-------------------] 2/10 runs  ETA 16s  c",
      "[########################] 10/10 runs  d\n",
    ]);
  });

  it("words the ETA in seconds, minutes or hours", () => {
    expect([etaText(0, 5, 1000), etaText(1, 0, 1000), etaText(2, 3, 10_000), etaText(1, 65, 1000), etaText(1, 2, 3_600_000)]).toEqual([
      "",
      "",
      "ETA 15s",
      "ETA 1m 05s",
      "ETA 2h 00m",
    ]);
  });
});

const hasScript = spawnSync("script", ["--version"]).status === 0;

describe("knobs bench's progress", () => {
  it.skipIf(!hasScript)("on a terminal is one redrawn line with an ETA, not a line per run", () => {
    const dir = tmp();
    const command = `${process.execPath} ${CLI} bench --suite synthetic --tasks synthetic/branin --optimizers random,qmc --seeds 3 --budget 10 --concurrency 1 --db b.db --out out`;
    // `script` runs the command on a pseudo-terminal, so stderr is a TTY.
    const out = execFileSync("script", ["-qec", command, "/dev/null"], { cwd: dir, encoding: "utf8" });
    expect(out).not.toMatch(/^\[\d+\/6\]/m);
    const draws = out.split("\r\x1b[K").slice(1);
    expect(draws.length).toBeGreaterThanOrEqual(2);
    expect(draws[0]).toMatch(/^\[#+-*\] 1\/6 runs {2}ETA \d+s {2}synthetic\/branin \w+ seed \d$/);
    expect(draws.at(-1)).toMatch(/^\[#{24}\] 6\/6 runs {2}synthetic\/branin \w+ seed \d\r?\n/);
  });
});
