import { KnobsError } from "../../errors/index.js";

/** Where in a data file a problem is: the file, and optionally the row (1 = first data row), line and column. */
export interface DataLocation {
  file: string;
  /** 1-based data row (the header is row 0). */
  row?: number;
  /** 1-based line of the file where the row starts. */
  line?: number;
  column?: string;
}

/**
 * A task's data cannot be used: a missing column, a non-numeric cell in a numeric column,
 * an objective column without a direction, an empty CSV, a bad task.yaml. The message names
 * the file, the row and line, and the column.
 */
export class TaskDataError extends KnobsError {
  readonly file: string;
  readonly row: number | undefined;
  readonly line: number | undefined;
  readonly column: string | undefined;

  constructor(location: DataLocation, problem: string) {
    super("task_data_error", `${describeLocation(location)}: ${problem}`);
    this.file = location.file;
    this.row = location.row;
    this.line = location.line;
    this.column = location.column;
  }
}

/** `data.csv, row 3 (line 4), column "cfg-x"`. */
export function describeLocation(location: DataLocation): string {
  let text = location.file;
  if (location.row !== undefined) text += `, row ${location.row}`;
  if (location.line !== undefined) text += location.row !== undefined ? ` (line ${location.line})` : `, line ${location.line}`;
  if (location.column !== undefined) text += `, column "${location.column}"`;
  return text;
}
