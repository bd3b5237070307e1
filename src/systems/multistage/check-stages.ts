import type { Issue } from "../../errors/index.js";
import type { StageDefinition } from "./spec.js";

const STAGE_NAME = /^[A-Za-z0-9_-]+$/;

/** Problems in stage definitions (names, models, sample ranges, planned tokens) and the budget, as issues. */
export function checkStages<I>(stages: readonly StageDefinition<I, any>[], budget: number | null): Issue[] {
  const issues: Issue[] = [];
  const issue = (path: (string | number)[], message: string) => issues.push({ code: "invalid_pipeline", path, message });
  if (stages.length === 0) issue(["stages"], "expected at least one stage");
  const names = new Set<string>();
  stages.forEach((stage, s) => {
    if (!STAGE_NAME.test(stage.name)) issue(["stages", s, "name"], `expected letters, digits, "_" or "-", received ${JSON.stringify(stage.name)}`);
    if (names.has(stage.name)) issue(["stages", s, "name"], `duplicate stage name ${JSON.stringify(stage.name)}`);
    names.add(stage.name);
    if (stage.models.length === 0) issue(["stages", s, "models"], "expected at least one candidate model");
    const models = new Set<string>();
    stage.models.forEach((model, m) => {
      if (models.has(model.name)) issue(["stages", s, "models", m, "name"], `duplicate model ${JSON.stringify(model.name)}`);
      models.add(model.name);
      if (!(model.paramsBillions > 0)) issue(["stages", s, "models", m, "paramsBillions"], `expected a positive number, received ${model.paramsBillions}`);
    });
    const { min, max } = stage.samples;
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) {
      issue(["stages", s, "samples"], `expected integers with 1 <= min <= max, received min=${min}, max=${max}`);
    }
    const { prompt, decode } = stage.plannedTokens;
    if (!(prompt >= 0) || !(decode > 0)) issue(["stages", s, "plannedTokens"], `expected prompt >= 0 and decode > 0, received prompt=${prompt}, decode=${decode}`);
  });
  if (budget !== null && !(budget > 0)) issue(["budget"], `expected a positive number of AgentTTS units or null, received ${budget}`);
  return issues;
}
