/** Benchmark runs for the dashboard's benchmark view: a slice of the default suite, run in-process. */
import { ResultsStore, runOne, type RunResult } from "../../src/bench/runner/index.js";

export const DEMO_BENCH = { suite: "default", tasks: ["llmsys/naiverag", "llmsys/vllm", "regmix"], optimizers: ["random", "qmc", "tpe"], seeds: 3, trials: 15 };

/** Runs the demo matrix and saves it to a results file (as `knobs bench --db` would); returns the runs. */
export async function makeBenchResults(path: string): Promise<RunResult[]> {
  const store = new ResultsStore(path);
  const runs: RunResult[] = [];
  try {
    for (const task of DEMO_BENCH.tasks) {
      for (const optimizer of DEMO_BENCH.optimizers) {
        for (let seed = 0; seed < DEMO_BENCH.seeds; seed++) {
          const result = await runOne({ suite: DEMO_BENCH.suite, task, optimizer, seed, budget: { trials: DEMO_BENCH.trials }, workers: 1 });
          store.save(result);
          runs.push(result);
        }
      }
    }
  } finally {
    store.close();
  }
  return runs;
}
