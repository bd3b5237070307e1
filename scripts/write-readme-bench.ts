/**
 * Runs `npm run bench` (the default suite) into a fresh results file and writes its headline
 * figures into README.md between the bench-summary markers, with the wall time and machine.
 * Run: npm run readme:bench (after npm run build). The run is deterministic; its wall time is not.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { renderReadmeSummary, replaceReadmeSummary } from "../src/report/index.js";

const root = new URL("..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "knobs-readme-bench-"));
try {
  const started = Date.now();
  // What `npm run bench` runs, with the results and report kept out of the working tree.
  const out = execFileSync(process.execPath, [join(root, "dist/cli/main.js"), "bench", "--json", "--db", join(dir, "b.db"), "--out", join(dir, "report")], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const wallSeconds = (Date.now() - started) / 1000;
  const summary = JSON.parse(out);
  const block = renderReadmeSummary(summary.analysis, {
    command: "npm run bench",
    runs: summary.ran + summary.skipped,
    wallSeconds,
    machine: `${availableParallelism()} cores, Node ${process.versions.node}`,
  });
  const readme = join(root, "README.md");
  writeFileSync(readme, replaceReadmeSummary(readFileSync(readme, "utf8"), block));
  console.log(block);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
