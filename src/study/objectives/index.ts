export { commandObjective, ObjectiveCommandError, type CommandObjectiveOptions } from "./command-objective.js";
export { loadModuleObjective } from "./module-objective.js";
export { parseResultJson } from "./parse-result-json.js";
