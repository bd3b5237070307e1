import { ValidationError, type Issue } from "./validation-error.js";

/**
 * Options given to an optimizer (sampler, scheduler, agent), a pruner or another factory
 * were refused: an option it does not take, or a value it cannot use. `where` names the
 * factory ("tpe sampler", "asha scheduler", "research optimizer"), `options` the offending
 * option names and `accepted` every option it takes. A ValidationError (code
 * `invalid_input`), so the CLI prints each issue as `where: option: message`.
 */
export class InvalidOptionsError extends ValidationError {
  readonly where: string;
  readonly options: string[];
  readonly accepted: string[];

  constructor(where: string, issues: Issue[], accepted: readonly string[]) {
    super(issues, where);
    this.where = where;
    this.options = [...new Set(issues.map((issue) => String(issue.path[0] ?? "")))].filter((option) => option !== "");
    this.accepted = [...accepted];
  }
}
