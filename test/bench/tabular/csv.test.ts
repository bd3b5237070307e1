import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/bench/tabular/index.js";
import { TaskDataError } from "../../../src/bench/task/index.js";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks (RFC 4180)", () => {
    const csv = parseCsv('a,b,c\n1,"x, y","say ""hi"""\n2,"two\nlines",z\n', "t.csv");
    expect(csv.header).toEqual(["a", "b", "c"]);
    expect(csv.records).toEqual([
      ["1", "x, y", 'say "hi"'],
      ["2", "two\nlines", "z"],
    ]);
    expect(csv.lines).toEqual([2, 3]);
  });

  it("accepts CRLF, a byte-order mark, blank lines and a missing final newline", () => {
    const csv = parseCsv("\uFEFFa,b\r\n1,2\r\n\r\n3,4", "t.csv");
    expect(csv.header).toEqual(["a", "b"]);
    expect(csv.records).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(csv.lines).toEqual([2, 4]);
  });

  it("keeps empty fields", () => {
    expect(parseCsv("a,b,c\n,,\n", "t.csv").records).toEqual([["", "", ""]]);
  });

  it("rejects an empty file, a header without rows, a short row and an open quote, naming file and line", () => {
    expect(() => parseCsv("", "e.csv")).toThrow(/^e\.csv: the CSV is empty/);
    expect(() => parseCsv("a,b\n", "h.csv")).toThrow(/^h\.csv, line 1: the CSV has a header but no data rows/);
    expect(() => parseCsv("a,b\n1,2\n3\n", "s.csv")).toThrow('s.csv, row 2 (line 3): expected 2 fields (as in the header) but found 1');
    expect(() => parseCsv('a,b\n1,"2\n', "q.csv")).toThrow("q.csv, line 2: a quoted field is never closed");
    try {
      parseCsv("a,b\n1,2\n3\n", "s.csv");
    } catch (error) {
      expect(error).toBeInstanceOf(TaskDataError);
      expect((error as TaskDataError).code).toBe("task_data_error");
      expect((error as TaskDataError).row).toBe(2);
      expect((error as TaskDataError).line).toBe(3);
    }
  });
});
