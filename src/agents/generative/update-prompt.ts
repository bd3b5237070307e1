import type { ChatMessage } from "../../llm/index.js";
import type { Objective, TrialRecord } from "../../storage/spec.js";
import { loadPrompt, renderPrompt } from "../core/index.js";
import type { CheckedGenerativeOptions } from "./generative-options.js";
import { meanScore, type VersionState } from "./loop-state.js";
import { formatScore, renderTrialFeedback } from "./trial-feedback.js";

/** A trainable parameter as the prompt names it. */
export interface TrainableParam {
  name: string;
  format: "prompt" | "code" | "json";
}

export interface UpdatePromptInput {
  options: Pick<CheckedGenerativeOptions, "task" | "creditHorizon" | "memory">;
  objective: Objective;
  params: readonly TrainableParam[];
  /** Every version so far; the last is the current one. */
  versions: readonly VersionState[];
  /** The finished training trials of the current version this update reads. */
  minibatch: readonly TrialRecord[];
}

/** Longest diff and reasoning shown per past update, in characters (the head is kept). */
const MEMORY_DIFF_CHARS = 1500;
const MEMORY_REASONING_CHARS = 400;

/** The two messages of an update request and the id of the template that made the second. */
export function buildUpdateMessages(input: UpdatePromptInput): { messages: ChatMessage[]; template: string } {
  const system = loadPrompt("generative", "system");
  const update = loadPrompt("generative", "update");
  const current = input.versions[input.versions.length - 1];
  const { objective, params } = input;
  const shown = pastUpdates(input.versions, input.options.memory);
  const text = renderPrompt(update, {
    task: input.options.task,
    objective: objective.name,
    direction: objective.direction,
    direction_hint: objective.direction === "maximize" ? "higher is better" : "lower is better",
    version: current.version,
    artifact: params.map((param) => `<artifact name="${param.name}" format="${param.format}">\n${current.artifact[param.name]}\n</artifact>`).join("\n"),
    minibatch_size: input.minibatch.length,
    credit_horizon: describeHorizon(input.options.creditHorizon),
    feedback: input.minibatch.map((trial) => renderTrialFeedback(trial, objective, input.options.creditHorizon)).join("\n\n"),
    memory_title: memoryTitle(input.options.memory, shown.length, countUpdates(input.versions)),
    memory: shown.length > 0 ? shown.map((version) => renderUpdate(version, input.versions, objective)).join("\n\n") : "(none shown)",
    reply_format: replyFormat(params),
    format_rules: formatRules(params),
  });
  return {
    messages: [
      { role: "system", content: renderPrompt(system, {}) },
      { role: "user", content: text },
    ],
    template: update.id,
  };
}

/** The last `memory` versions made by an update, oldest first (the newest made the current artifact). */
function pastUpdates(versions: readonly VersionState[], memory: number): VersionState[] {
  if (memory === 0) return [];
  return versions.filter((version) => version.update !== null).slice(-memory);
}

function countUpdates(versions: readonly VersionState[]): number {
  return versions.filter((version) => version.update !== null).length;
}

function memoryTitle(memory: number, shown: number, total: number): string {
  if (memory === 0) return "memory is 0: none shown";
  if (total === 0) return "none yet";
  return `the last ${shown} of ${total}`;
}

/** One past update: what changed and the training score before and after. */
function renderUpdate(version: VersionState, versions: readonly VersionState[], objective: Objective): string {
  const update = version.update!;
  const parent = versions[update.parent ?? version.version - 1];
  const score = `${objective.name}: ${describeScore(parent)} -> ${describeScore(version)}`;
  if (update.failure) {
    return `<update version="${version.version}" from="${parent?.version}" training_score="${score}">\nThe update failed (${update.failure}); the artifact was kept unchanged.\n</update>`;
  }
  const reasoning = clip(update.reasoning ?? "", MEMORY_REASONING_CHARS);
  const diff = update.diff ? clip(update.diff, MEMORY_DIFF_CHARS) : "(no change)";
  return `<update version="${version.version}" from="${parent?.version}" training_score="${score}">\nreasoning: ${reasoning}\ndiff:\n${diff}\n</update>`;
}

function describeScore(version: VersionState | undefined): string {
  const score = version ? meanScore(version.train) : null;
  if (!score) return `version ${version?.version ?? "?"}: not measured yet`;
  return `version ${version!.version}: ${formatScore(score.mean)} (mean of ${score.count} trial${score.count === 1 ? "" : "s"})`;
}

function describeHorizon(horizon: CheckedGenerativeOptions["creditHorizon"]): string {
  const parts: string[] = [];
  if (horizon.entries !== null) parts.push(`the last ${horizon.entries} trace entries`);
  if (horizon.chars !== null) parts.push(`at most the last ${horizon.chars} characters`);
  return parts.length > 0 ? parts.join(", ") : "the whole trace";
}

function replyFormat(params: readonly TrainableParam[]): string {
  if (params.length === 1) return `{"reasoning": "...", "artifact": "<the complete new ${params[0].name}, as a JSON string>"}`;
  const entries = params.map((param) => `"${param.name}": "<the complete new ${param.name}>"`).join(", ");
  return `{"reasoning": "...", "artifact": {${entries}}}`;
}

function formatRules(params: readonly TrainableParam[]): string {
  const rules: string[] = [];
  const one = params.length === 1;
  for (const param of params) {
    const what = one ? `"artifact"` : `"artifact.${param.name}"`;
    if (param.format === "json") rules.push(`${what} is a string whose text parses as JSON.`);
    if (param.format === "code") rules.push(`${what} is a JavaScript ES module that parses and keeps the exported entry function.`);
  }
  if (!one) rules.push(`Give every parameter, changed or not.`);
  // Follows the sentence about "reasoning" in the template, hence the leading space.
  return rules.map((rule) => ` ${rule}`).join("");
}

function clip(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}\n[… ${text.length - limit} more characters]` : text;
}
