import { TaskDataError } from "../../../bench/task/index.js";

/** Where in a corpus file a problem is: the file, the 1-based line, the field path inside the JSON object. */
export interface CorpusLocation {
  file: string;
  line?: number;
  /** Field path inside the line's JSON object, e.g. `references[1].end`. */
  field?: string;
}

/**
 * A corpus file cannot be used: bad JSON on a line, a missing or mistyped field, a duplicate
 * id, a reference outside its document. A TaskDataError (code `task_data_error`) whose message
 * names the file, the line and the field: `questions.jsonl, line 4: field "references[0].end": ...`.
 */
export class CorpusDataError extends TaskDataError {
  readonly field: string | undefined;

  constructor(location: CorpusLocation, problem: string) {
    super({ file: location.file, line: location.line }, location.field === undefined ? problem : `field "${location.field}": ${problem}`);
    this.field = location.field;
  }
}
