/**
 * What a command objective's output costs to read: the wall time of one trial whose command
 * prints 0, 16 and 64 MiB on stderr (then fails) or on stdout (then its result): the median
 * of 3 runs, and the milliseconds per MiB over the 0 MiB run.
 *
 *   npx tsx bench/overhead/command-output.ts
 */
import { performance } from "node:perf_hooks";
import { float } from "../../src/space/index.js";
import { commandObjective, createStudy } from "../../src/study/index.js";

const SIZES_MIB = [0, 16, 64];

function script(stream: "stdout" | "stderr", mib: number): string {
  const result = stream === "stdout" ? `console.log("[1]");` : `process.exitCode = 1;`;
  return `node -e 'const line = "x".repeat(1023) + "\\n"; const s = process.${stream}; let n = ${mib * 1024}; const go = () => { while (n > 0) { n--; if (!s.write(line)) return s.once("drain", go); } ${result} }; go();'`;
}

async function timeOneTrial(command: string): Promise<number> {
  const study = await createStudy({ name: "b", storage: "memory:", space: { x: float(0, 1) }, logger: () => {} });
  const start = performance.now();
  await study.optimize(commandObjective({ command }), { budget: { trials: 1 } });
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const stream of ["stderr", "stdout"] as const) {
  const times: number[] = [];
  for (const mib of SIZES_MIB) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await timeOneTrial(script(stream, mib)));
    times.push(median(runs));
    const perMib = mib > 0 ? ` (${((times.at(-1)! - times[0]) / mib).toFixed(2)} ms/MiB over the 0 MiB run)` : "";
    console.log(`${stream} ${String(mib).padStart(3)} MiB: ${times.at(-1)!.toFixed(0)} ms${perMib}`);
  }
}
