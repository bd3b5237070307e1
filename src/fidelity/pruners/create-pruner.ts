import { ValidationError, type Issue } from "../../errors/index.js";
import type { Pruner } from "../../samplers/spec.js";
import { medianPruner } from "./median-pruner.js";
import { successiveHalvingPruner } from "./successive-halving-pruner.js";
import { wilcoxonPruner } from "./wilcoxon-pruner.js";

/** Each pruner by the name a study config gives it, with the options it takes. */
const PRUNERS: Record<string, { options: readonly string[]; make: (options: Record<string, unknown>) => Pruner }> = {
  median: { options: ["startupTrials", "warmupSteps", "intervalSteps", "minTrials"], make: medianPruner },
  "successive-halving": { options: ["minResource", "eta", "minEarlyStoppingRate"], make: successiveHalvingPruner },
  wilcoxon: { options: ["pThreshold", "startupSteps"], make: wilcoxonPruner },
};

/** The pruner names a study config accepts: median, successive-halving, wilcoxon. */
export const prunerNames: readonly string[] = Object.keys(PRUNERS);

/**
 * A pruner by name with its options (as `pruner: {name: median, warmupSteps: 5}` in a study
 * config). An unknown name or option, or a bad value, is a ValidationError whose paths are
 * `name` or the option.
 *
 * @example
 * createStudy({ name: "s", space, pruner: createPruner("median", { warmupSteps: 5 }) });
 */
export function createPruner(name: string, options: Record<string, unknown> = {}): Pruner {
  const entry = Object.hasOwn(PRUNERS, name) ? PRUNERS[name] : undefined;
  if (!entry) {
    throw new ValidationError([{ code: "unknown_pruner", path: ["name"], message: `unknown pruner ${JSON.stringify(name)}: expected one of ${prunerNames.join(", ")}` }]);
  }
  const expected = `one of ${entry.options.join(", ")}`;
  const unknown: Issue[] = Object.keys(options)
    .filter((option) => !entry.options.includes(option))
    .map((option) => ({ code: "unknown_option", path: [option], message: `unknown option: expected ${expected}`, expected, received: option }));
  if (unknown.length > 0) throw new ValidationError(unknown, `${name} pruner`);
  return entry.make(options);
}
