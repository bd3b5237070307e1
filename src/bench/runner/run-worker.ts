/** Child process of the benchmark runner: runs each job it is sent and replies with the result. */
import { runOne, type RunJob } from "./run-one.js";

process.on("message", (job: RunJob) => {
  void runOne(job).then((result) => process.send?.(result));
});
