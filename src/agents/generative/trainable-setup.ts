import { ValidationError, type Issue } from "../../errors/index.js";
import { checkValue, type Space, type TextParam } from "../../space/index.js";
import type { CheckedGenerativeOptions } from "./generative-options.js";
import type { TrainableParam } from "./update-prompt.js";

/** The trainable parameters of a space and the artifact the loop starts from. */
export interface TrainableSetup {
  params: TrainableParam[];
  names: string[];
  starting: Record<string, string>;
}

/**
 * Reads which text parameters are trained and the starting artifact, checking the options
 * against the space: every trainable name is a `text` parameter, `fixed` names parameters
 * of the space other than trainable ones, and the starting artifact fits each format.
 */
export function trainableSetup(space: Space, options: CheckedGenerativeOptions): TrainableSetup {
  const issues: Issue[] = [];
  const isText = (name: string) => space.params[name]?.type === "text";
  const names = options.trainable ?? space.names.filter(isText);
  if (names.length === 0) {
    issues.push({ code: "missing", path: ["trainable"], message: 'the space has no text parameter to train: add one like { type: "text", default: "<starting prompt>" }' });
  }
  names.forEach((name, index) => {
    if (!(name in space.params)) issues.push({ code: "invalid_option", path: ["trainable", index], message: `the space has no parameter "${name}"` });
    else if (!isText(name)) issues.push({ code: "invalid_option", path: ["trainable", index], message: `"${name}" is a ${space.params[name].type} parameter; only text parameters can be trained` });
  });
  for (const name of Object.keys(options.fixed)) {
    if (!(name in space.params)) issues.push({ code: "invalid_option", path: ["fixed", name], message: `the space has no parameter "${name}"` });
    else if (names.includes(name)) issues.push({ code: "invalid_option", path: ["fixed", name], message: `"${name}" is trainable; a trainable parameter cannot be fixed` });
  }
  const starting: Record<string, string> = {};
  const given = options.startingArtifact;
  if (typeof given === "string" && names.length !== 1) {
    issues.push({ code: "invalid_option", path: ["startingArtifact"], message: `expected a map parameter -> text, since ${names.length} parameters are trainable (${names.join(", ")})` });
  }
  if (given !== null && typeof given === "object") {
    for (const name of Object.keys(given)) {
      if (!names.includes(name)) issues.push({ code: "invalid_option", path: ["startingArtifact", name], message: `"${name}" is not a trainable parameter (trainable: ${names.join(", ")})` });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, "generative optimizer");
  for (const name of names) {
    const param = space.params[name] as TextParam;
    starting[name] = typeof given === "string" ? given : (given?.[name] ?? param.default);
    const problem = checkValue(param, starting[name]);
    if (problem) issues.push({ code: "invalid_option", path: ["startingArtifact", name], message: `expected ${problem.expected}, received ${problem.received}` });
  }
  if (issues.length > 0) throw new ValidationError(issues, "generative optimizer");
  return { names, starting, params: names.map((name) => ({ name, format: (space.params[name] as TextParam).format ?? "prompt" })) };
}
