/** Test helpers: route the agent's requests on the scripted server by kind, and drive a sampler with its trajectory kept. */
import { rngFor } from "../../../src/math/index.js";
import type { Proposal, Sampler } from "../../../src/samplers/spec.js";
import type { Config, Space } from "../../../src/space/index.js";
import type { Objective, TrialRecord } from "../../../src/storage/spec.js";
import { makeTrial } from "../../../src/testing/index.js";
import { chatCompletion, type ReceivedRequest, type ScriptedReply, type ScriptedServer } from "../../llm/scripted-server.js";

export const PATH = "/chat/completions";
export const OBJECTIVES: Objective[] = [{ name: "quality", direction: "maximize" }];

export type RequestKind = "experience" | "propose" | "retry";

/** The last user message of a request. */
export function lastUser(request: ReceivedRequest): string {
  const messages = request.body.messages as { role: string; content: string }[];
  return [...messages].reverse().find((message) => message.role === "user")?.content ?? "";
}

/** What the agent asked for, judged from the prompt it sent. */
export function kindOf(request: ReceivedRequest): RequestKind {
  const text = lastUser(request);
  if (text.includes("Update the experience")) return "experience";
  if (text.includes("None of your candidates can run")) return "retry";
  if (text.includes("candidate allocations")) return "propose";
  if (text.includes("could not be used")) {
    // askJson's own retry: the kind of the request it retries.
    const messages = request.body.messages as { role: string; content: string }[];
    return kindOf({ ...request, body: { messages: messages.slice(0, messages.findIndex((m) => m.content.includes("could not be used")) - 1) } });
  }
  throw new Error(`unexpected request: ${text.slice(0, 200)}`);
}

/** A reply whose content is `value` as JSON (or the text itself), with usage. */
export function reply(value: unknown, usage = { prompt_tokens: 1000, completion_tokens: 200, total_tokens: 1200 }): ScriptedReply {
  return { body: chatCompletion({ content: typeof value === "string" ? value : JSON.stringify(value), usage }) };
}

/** Answers each request kind from a handler; `count` is the number of earlier requests that handler answered. */
export function route(server: ScriptedServer, handlers: Partial<Record<RequestKind, (request: ReceivedRequest, count: number) => ScriptedReply>>): void {
  const counts: Record<RequestKind, number> = { experience: 0, propose: 0, retry: 0 };
  server.respond(PATH, (request) => {
    const asked = kindOf(request);
    // Without a retry handler, a retry is answered (and counted) as one more proposal.
    const kind = asked === "retry" && !handlers.retry ? "propose" : asked;
    const handler = handlers[kind];
    if (!handler) throw new Error(`no handler for ${kind}`);
    return handler(request, counts[kind]++);
  });
}

/** A drive's record: the trials (with the proposals' userAttrs) and the proposals themselves. */
export interface Drive {
  trials: TrialRecord[];
  proposals: Proposal[];
  evaluated: Config[];
}

/**
 * Asks `count` proposals in sequence after `start`, evaluating each (`evaluate` returns the
 * quality, or null to fail the trial); checks each config against the space.
 */
export async function drive(sampler: Sampler, space: Space, count: number, evaluate: (config: Config) => number | null, start: readonly TrialRecord[] = []): Promise<Drive> {
  const trials = [...start];
  const proposals: Proposal[] = [];
  const evaluated: Config[] = [];
  for (let i = 0; i < count; i++) {
    const number = trials.length;
    const proposal = await sampler.doAsk({ space, objectives: OBJECTIVES, trials, trialNumber: number, rng: rngFor(sampler.seed, "sampler", number) });
    space.validate(proposal.config, `proposal #${number}`);
    proposals.push(proposal);
    evaluated.push(proposal.config);
    const value = evaluate(proposal.config);
    trials.push(
      makeTrial({
        number,
        config: proposal.config,
        state: value === null ? "failed" : "complete",
        values: value === null ? null : [value],
        userAttrs: JSON.parse(JSON.stringify(proposal.userAttrs ?? {})),
      }),
    );
  }
  return { trials, proposals, evaluated };
}

/** The agent's record on a trial. */
export function recordOf(trial: TrialRecord): any {
  return trial.userAttrs.allocation;
}
