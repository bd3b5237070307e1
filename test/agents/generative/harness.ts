/** Shared pieces of the generative optimizer tests: a study over the scripted server, replies, records. */
import { generativeOptimizer, GENERATIVE_ATTR, type GenerativeOptions, type GenerativeRecord } from "../../../src/agents/generative/index.js";
import type { SpaceDefinition } from "../../../src/space/index.js";
import { MemoryStorage, type Storage, type TrialRecord } from "../../../src/storage/index.js";
import { createStudy, type ObjectiveFunction, type Study } from "../../../src/study/index.js";
import { chatCompletion, type ReceivedRequest, type ScriptedReply, type ScriptedServer } from "../../llm/scripted-server.js";

export const PROMPT_SPACE: SpaceDefinition = { prompt: { type: "text", default: "Be helpful." } };

/** The `llm` option reaching the scripted server over HTTP, as gpt-4o-mini (a priced model). */
export function scriptedLlm(server: ScriptedServer): GenerativeOptions["llm"] {
  return { model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null, temperature: 0 };
}

/** A /chat/completions reply whose content is `value` as JSON (or the text itself). */
export function reply(value: unknown): ScriptedReply {
  return { body: chatCompletion({ content: typeof value === "string" ? value : JSON.stringify(value) }) };
}

/** An update reply appending `line` to the single artifact found in the prompt. */
export function appendLine(line: string): (request: ReceivedRequest) => ScriptedReply {
  return (request) => {
    const prompt = lastUserMessage(request);
    const current = /<artifact name="[^"]+" format="[^"]+">\n([\s\S]*?)\n<\/artifact>/.exec(prompt)?.[1] ?? "";
    return reply({ reasoning: `add ${line}`, artifact: `${current}\n${line}` });
  };
}

export function lastUserMessage(request: ReceivedRequest): string {
  const messages = request.body.messages as { role: string; content: string }[];
  return messages.filter((message) => message.role === "user").at(-1)!.content;
}

export interface RunOptions {
  server: ScriptedServer;
  options?: Partial<GenerativeOptions>;
  space?: SpaceDefinition;
  objective: ObjectiveFunction;
  trials: number;
  direction?: "minimize" | "maximize";
  storage?: Storage;
  name?: string;
}

/** Runs a study with the generative optimizer (concurrency 1) and returns it. */
export async function runGenerative(run: RunOptions): Promise<Study> {
  const study = await createStudy({
    name: run.name ?? "generative",
    storage: run.storage ?? new MemoryStorage(),
    space: run.space ?? PROMPT_SPACE,
    objectives: [{ name: "score", direction: run.direction ?? "maximize" }],
    sampler: generativeOptimizer({ llm: scriptedLlm(run.server), minibatch: 2, ...run.options }),
    logger: () => {},
  });
  await study.optimize(run.objective, { budget: { trials: run.trials } });
  return study;
}

export function recordOf(trial: TrialRecord): GenerativeRecord {
  return trial.userAttrs[GENERATIVE_ATTR] as GenerativeRecord;
}

/** "0v 0t 0t 1v ..." : version and split of each trial, for compact assertions. */
export function layout(trials: readonly TrialRecord[]): string {
  return trials.map((trial) => `${recordOf(trial).version}${recordOf(trial).split[0]}`).join(" ");
}
