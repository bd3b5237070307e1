/** Child process of the synthetic benchmark: runs each job it is sent and replies with the result. */
import { runJob, type Job } from "./job.js";

process.on("message", (job: Job) => {
  void runJob(job).then((result) => process.send?.(result));
});
