import { describe, expect, it } from "vitest";
import { ChecksumMismatchError, describeLocation, TaskDataError, UnknownTaskError } from "../../../src/bench/task/index.js";
import { KnobsError } from "../../../src/errors/index.js";

describe("task errors", () => {
  it("TaskDataError names file, row, line and column, with a stable code", () => {
    const error = new TaskDataError({ file: "a/data.csv", row: 3, line: 4, column: "obj-y-" }, "non-numeric value");
    expect(error).toBeInstanceOf(KnobsError);
    expect(error.toJSON()).toEqual({ code: "task_data_error", message: 'a/data.csv, row 3 (line 4), column "obj-y-": non-numeric value' });
    expect(describeLocation({ file: "f.csv" })).toBe("f.csv");
    expect(describeLocation({ file: "f.csv", line: 2 })).toBe("f.csv, line 2");
    expect(describeLocation({ file: "f.csv", column: "cfg-x" })).toBe('f.csv, column "cfg-x"');
  });

  it("ChecksumMismatchError carries both hashes and where the expected one is recorded", () => {
    const error = new ChecksumMismatchError("d.csv", "aa", "bb", "task.yaml");
    expect([error.code, error.file, error.expected, error.actual]).toEqual(["checksum_mismatch", "d.csv", "aa", "bb"]);
    expect(error.message).toBe(
      "d.csv: SHA-256 is bb but task.yaml records aa; the file changed since the checksum was written (restore it, or update task.yaml if the change is intended)",
    );
  });

  it("UnknownTaskError lists the known ids", () => {
    const error = new UnknownTaskError("x", ["a", "b"]);
    expect(error.code).toBe("unknown_task");
    expect(error.message).toBe('unknown task "x": expected a built-in task id (a, b) or a path to a task folder');
  });

  it("UnknownTaskError suggests the nearest id for a typo, and none for a name far from every id", () => {
    const known = ["llmsys/naiverag", "llmsys/vllm", "regmix", "regmix/60m"];
    expect(new UnknownTaskError("llmsys/naiverg", known).message).toBe(
      'unknown task "llmsys/naiverg" (did you mean "llmsys/naiverag"?): expected a built-in task id (llmsys/naiverag, llmsys/vllm, regmix, regmix/60m) or a path to a task folder',
    );
    expect(new UnknownTaskError("Regmx", known).message).toMatch(/^unknown task "Regmx" \(did you mean "regmix"\?\): /);
    expect(new UnknownTaskError("nosuch", known).message).toMatch(/^unknown task "nosuch": expected/);
  });
});
