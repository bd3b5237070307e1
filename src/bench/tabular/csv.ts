import { TaskDataError } from "../task/index.js";

/** A parsed CSV: the header, the data records, and the line each record starts on. */
export interface CsvTable {
  file: string;
  header: string[];
  records: string[][];
  /** 1-based line number where each record starts (records may span lines inside quotes). */
  lines: number[];
}

/**
 * Parses RFC 4180 CSV text: comma-separated fields, fields in double quotes may hold commas,
 * line breaks and doubled quotes (""); CRLF or LF line ends; a UTF-8 byte-order mark and a
 * missing final newline are accepted; blank lines are skipped. Throws TaskDataError naming
 * `file` when the text has no header, a record has the wrong number of fields, or a quote is
 * left open.
 *
 * @example
 * parseCsv('a,b\n1,"x, y"\n', "t.csv").records; // [["1", "x, y"]]
 */
export function parseCsv(text: string, file: string): CsvTable {
  const rows: string[][] = [];
  const starts: number[] = [];
  let field = "";
  let row: string[] = [];
  let line = 1;
  let rowStart = 1;
  let inQuotes = false;
  let quoteLine = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    field = "";
    // A blank line is one empty field: skip it rather than calling it a record.
    if (!(row.length === 1 && row[0] === "")) {
      rows.push(row);
      starts.push(rowStart);
    }
    row = [];
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field === "") {
      inQuotes = true;
      quoteLine = line;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowStart = line;
    } else {
      field += c;
    }
  }
  if (inQuotes) throw new TaskDataError({ file, line: quoteLine }, "a quoted field is never closed (missing closing double quote)");
  if (field !== "" || row.length > 0) endRow();
  if (rows.length === 0) throw new TaskDataError({ file }, "the CSV is empty: expected a header line and at least one data row");
  const [header, ...records] = rows;
  const lines = starts.slice(1);
  if (records.length === 0) throw new TaskDataError({ file, line: starts[0] }, "the CSV has a header but no data rows");
  records.forEach((record, r) => {
    if (record.length !== header.length) {
      throw new TaskDataError(
        { file, row: r + 1, line: lines[r] },
        `expected ${header.length} fields (as in the header) but found ${record.length}`,
      );
    }
  });
  return { file, header, records, lines };
}
