/** Child process of the benchmark runner: runs each job it is sent and replies with the result. */
import { runOne, type RunJob } from "./run-one.js";

// Ctrl-C on a terminal reaches the whole process group: the parent decides (it kills this
// process when it stops), so a run is not cut short by the signal before the parent knows.
process.on("SIGINT", () => {});
// The parent is gone (killed, or it stopped): stop the run in hand and exit.
const orphaned = new AbortController();
process.on("disconnect", () => orphaned.abort());

process.on("message", (job: RunJob) => {
  void runOne(job, orphaned.signal).then(
    (result) => process.send?.(result),
    () => process.exit(0),
  );
});
