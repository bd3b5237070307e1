import { didYouMean, KnobsError } from "../../errors/index.js";

/** A task reference is neither a built-in task id nor a task folder. */
export class UnknownTaskError extends KnobsError {
  readonly ref: string;
  readonly known: readonly string[];

  constructor(ref: string, known: readonly string[]) {
    super("unknown_task", `unknown task "${ref}"${didYouMean(ref, known)}: expected a built-in task id (${known.join(", ")}) or a path to a task folder`);
    this.ref = ref;
    this.known = known;
  }
}
