import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { trajectory } from "../../../src/agents/research/index.js";
import { openAICompatible, type ChatRequest, type Provider } from "../../../src/llm/index.js";
import { createStudy } from "../../../src/study/index.js";
import { ScriptedServer } from "../../llm/scripted-server.js";
import { agreeingSpace, evaluateAgreeing } from "./agreeing-problem.js";
import {
  driveAgreeing,
  firstPromotable,
  heuristicHistory,
  lastMessage,
  llmAgent,
  messagesOf,
  PATH,
  recordOf,
  refusal,
  reply,
  USD_PER_CALL,
} from "./llm-server.js";

const TEMPLATES = ["research/system.v1", "research/decide.v1"];

describe("research agent, LLM policy, over HTTP against the scripted server", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it("builds the prompt from the state, the priors and the hypotheses, and follows a valid promotion", async () => {
    const history = await heuristicHistory(20);
    const hypotheses = recordOf(history.at(-1)!).hypotheses;
    server.respond(PATH, (request) => {
      const target = firstPromotable(lastMessage(request));
      return reply({ action: "promote", trials: [target], reasoning: `#${target} is the best promotable run`, hypotheses: ["x near 0.3 is best (prompted)"] });
    });
    const { trials, proposals } = await driveAgreeing(llmAgent(server.baseURL), 1, history);

    const [request] = server.requests(PATH);
    expect(request.body.model).toBe("gpt-4o-mini");
    const [system, user] = messagesOf(request);
    expect(system.role).toBe("system");
    expect(system.content).toContain("Research principles (priors):");
    expect(system.content).toContain("Spend on the top fidelity only for candidates you can justify");
    expect(system.content).toContain("Objective: minimize value");
    expect(system.content).toContain('"x":{"type":"float","low":0,"high":1}');
    expect(system.content).toContain("- level 2: size=large (resource 3), the top level");
    expect(user.content).toMatch(/^Step \d+ of the research\./);
    expect(user.content).toMatch(/Level 0 \(size=small\): \d+ complete, 0 running, 0 failed; spent [\d.]+\./);
    expect(user.content).toContain("Agreement with the top level (Spearman rank correlation over configurations run at both levels):");
    expect(user.content).toContain(`Current hypotheses:\n- ${hypotheses[0]}`);
    expect(user.content).toMatch(/Recent steps:\n- step \d+, \w+ \(/);
    expect(user.content).toContain("- step 0, explore (9 trials, #0 to #8): Start cheap: 9 new configurations at size=small");
    expect(user.content).toContain('Spend so far in "usd"');

    const target = firstPromotable(user.content)!;
    const source = history[target];
    const proposal = proposals[0];
    expect(proposal.config).toEqual(source.config);
    expect(proposal.fidelity).toEqual({ size: source.fidelity!.size === "small" ? "medium" : "large" });
    const record = recordOf(trials.at(-1)!);
    expect(record).toMatchObject({
      action: "promote",
      policy: "llm",
      templates: TEMPLATES,
      reasoning: `#${target} is the best promotable run`,
      hypotheses: ["x near 0.3 is best (prompted)"],
      rollouts: [`research/5/${history.length}/0`],
    });
    expect(record.fallback).toBeUndefined();
    expect(proposal.optimizerCost!.usd).toBeCloseTo(USD_PER_CALL, 12);
    expect(proposal.optimizerCost!.input_tokens).toBe(1000);
    expect(proposal.optimizerCost!.output_tokens).toBe(200);
  });

  it("runs the configurations it writes, fills up from the inner sampler, and asks once per step", async () => {
    server.script(PATH, reply({ action: "explore", level: 1, configs: [{ x: 0.31, y: 0.59 }, { x: 0.9, y: 0.1 }], count: 3, reasoning: "try the centre and a corner" }));
    const { trials, proposals } = await driveAgreeing(llmAgent(server.baseURL), 3);
    expect(server.requests(PATH)).toHaveLength(1);
    expect(trials.map((t) => t.config).slice(0, 2)).toEqual([{ x: 0.31, y: 0.59 }, { x: 0.9, y: 0.1 }]);
    expect(trials.every((t) => t.fidelity!.size === "medium")).toBe(true);
    expect(recordOf(trials[2]).item).toEqual({ kind: "inner", level: 1 });
    expect(trials.map((t) => recordOf(t).index)).toEqual([0, 1, 2]);
    expect(proposals.map((p) => p.optimizerCost?.usd)).toEqual([expect.closeTo(USD_PER_CALL, 12), undefined, undefined]);
    expect(trajectory(trials)).toHaveLength(1);
  });

  it("folds a hypothesize reply into the next step, shows the new hypotheses, and refuses a third", async () => {
    server.script(
      PATH,
      reply({ action: "hypothesize", reasoning: "first look", hypotheses: ["x matters (guess)"] }),
      reply({ action: "hypothesize", reasoning: "second look", hypotheses: ["x matters (guess)", "y matters (guess)"] }),
      reply({ action: "hypothesize", reasoning: "third look", hypotheses: ["z?"] }),
      reply({ action: "explore", count: 2, reasoning: "now run something" }),
    );
    const { trials, proposals } = await driveAgreeing(llmAgent(server.baseURL), 1);
    const requests = server.requests(PATH);
    expect(requests).toHaveLength(4);
    expect(lastMessage(requests[1])).toContain("Current hypotheses:\n- x matters (guess)");
    expect(lastMessage(requests[2])).toContain("You have already written hypotheses for this step");
    expect(lastMessage(requests[3])).toContain("Your answer could not be used: the JSON does not match the expected shape (action: hypotheses were already written this step");
    const record = recordOf(trials[0]);
    expect(record).toMatchObject({ step: 0, action: "explore", policy: "llm", size: 2, hypotheses: ["x matters (guess)", "y matters (guess)"] });
    expect(record.notes!.map((note) => [note.action, note.reasoning])).toEqual([
      ["hypothesize", "first look"],
      ["hypothesize", "second look"],
    ]);
    expect(record.rollouts).toEqual(["research/5/0/0", "research/5/0/1", "research/5/0/2"]);
    expect(proposals[0].optimizerCost!.usd).toBeCloseTo(4 * USD_PER_CALL, 12);
  });

  it("retries malformed JSON and then follows the reply", async () => {
    server.script(PATH, reply('{"action": "explore", "count": 2,'), reply({ action: "explore", count: 2, reasoning: "start cheap" }));
    const { trials, proposals } = await driveAgreeing(llmAgent(server.baseURL), 1);
    expect(server.requests(PATH)).toHaveLength(2);
    expect(lastMessage(server.requests(PATH)[1])).toMatch(/^Your answer could not be used: the JSON does not parse/);
    expect(recordOf(trials[0])).toMatchObject({ action: "explore", policy: "llm", reasoning: "start cheap" });
    expect(proposals[0].optimizerCost!.usd).toBeCloseTo(2 * USD_PER_CALL, 12);
  });

  it("retries a reply naming an unknown trial, with the problem said, then follows the corrected one", async () => {
    const history = await heuristicHistory(20);
    let target = -1;
    server.script(PATH, reply({ action: "promote", trials: [999], reasoning: "a trial that does not exist" }));
    server.respond(PATH, (request) => {
      target = firstPromotable(messagesOf(request)[1].content)!;
      return reply({ action: "promote", trials: [target], reasoning: "the best promotable one" });
    });
    const { trials } = await driveAgreeing(llmAgent(server.baseURL), 1, history);
    expect(lastMessage(server.requests(PATH)[1])).toContain("trials.0: unknown trial number 999: name a complete trial listed in the state (promotable now: #");
    expect(trials.at(-1)!.config).toEqual(history[target].config);
    expect(recordOf(trials.at(-1)!)).toMatchObject({ action: "promote", policy: "llm" });
  });

  it("retries a configuration outside the space", async () => {
    server.script(PATH, reply({ action: "explore", configs: [{ x: 2, y: 0.5 }], reasoning: "out of range" }), reply({ action: "explore", configs: [{ x: 0.2, y: 0.5 }], reasoning: "in range" }));
    const { trials } = await driveAgreeing(llmAgent(server.baseURL), 1);
    expect(lastMessage(server.requests(PATH)[1])).toContain("configs.0.x: expected a number in [0, 1], received 2");
    expect(trials[0].config).toEqual({ x: 0.2, y: 0.5 });
  });

  it("falls back to the heuristic after refusals, recording why and charging every attempt", async () => {
    server.respond(PATH, () => refusal());
    const { trials, proposals } = await driveAgreeing(llmAgent(server.baseURL), 2);
    expect(server.requests(PATH)).toHaveLength(3);
    const record = recordOf(trials[0]);
    expect(record.policy).toBe("heuristic");
    expect(record.action).toBe("explore");
    expect(record.templates).toEqual(TEMPLATES);
    expect(record.fallback).toMatch(
      /^the LLM policy failed \(research: the model gave no usable answer in 3 attempts: the model refused \(I can't help with that\.\); the model refused \(I can't help with that\.\); the model refused \(I can't help with that\.\)\); the heuristic policy decided this step$/,
    );
    expect(record.size).toBe(9);
    expect(proposals[0].optimizerCost!.usd).toBeCloseTo(3 * USD_PER_CALL, 12);
    expect(proposals[0].optimizerCost!.input_tokens).toBe(3000);
    // The rest of the heuristic's step runs without asking again.
    expect(recordOf(trials[1])).toMatchObject({ step: 0, index: 1, policy: "heuristic" });
  });

  it("falls back when every reply names an unknown trial", async () => {
    const history = await heuristicHistory(20);
    server.respond(PATH, () => reply({ action: "extrapolate", trials: [999], reasoning: "a trial that does not exist" }));
    const { trials, proposals } = await driveAgreeing(llmAgent(server.baseURL), 1, history);
    const record = recordOf(trials.at(-1)!);
    expect(record.policy).toBe("heuristic");
    expect(record.fallback).toContain("trials.0: unknown trial number 999");
    expect(proposals[0].optimizerCost!.usd).toBeCloseTo(3 * USD_PER_CALL, 12);
  });

  it("lets an error that retrying cannot fix (a rejected key) surface", async () => {
    server.respond(PATH, () => ({ status: 401, body: { error: { message: "invalid api key" } } }));
    await expect(driveAgreeing(llmAgent(server.baseURL), 1)).rejects.toThrow(/401/);
  });

  it("gives each decision its own rollout id, and the same replies give the same trajectory", async () => {
    const answer = (prompt: string) => {
      const target = firstPromotable(prompt);
      return target === null ? reply({ action: "explore", count: 3, reasoning: "more cheap runs" }) : reply({ action: "promote", trials: [target], reasoning: `promote #${target}` });
    };
    server.respond(PATH, (request) => answer(messagesOf(request)[1].content));
    const rollouts: (string | undefined)[] = [];
    const base = openAICompatible({ baseURL: server.baseURL, apiKeyEnv: null });
    const provider: Provider = { name: base.name, embed: (request) => base.embed(request), chat: (request: ChatRequest) => (rollouts.push(request.rolloutId), base.chat(request)) };
    const first = await driveAgreeing(llmAgent(server.baseURL, { provider }), 30);
    const second = await driveAgreeing(llmAgent(server.baseURL), 30);

    const steps = trajectory(first.trials);
    expect(steps.some((s) => s.action === "promote")).toBe(true);
    expect(rollouts).toHaveLength(steps.length);
    expect(new Set(rollouts).size).toBe(rollouts.length);
    expect(steps.map((s) => s.rollouts)).toEqual(rollouts.map((id) => [id]));
    expect(steps.map((s) => s.rollouts![0])).toEqual(steps.map((s) => `research/5/${s.trials[0]}/0`));
    expect(second.trials.map((t) => [t.config, t.fidelity, t.userAttrs])).toEqual(first.trials.map((t) => [t.config, t.fidelity, t.userAttrs]));
  });

  it("charges its calls to a study's optimizer cost and stores its records with the trials", async () => {
    server.respond(PATH, () => reply({ action: "explore", count: 3, reasoning: "more cheap runs" }));
    const study = await createStudy({ name: "research-llm", storage: "memory:", space: agreeingSpace, direction: "minimize", sampler: llmAgent(server.baseURL) });
    await study.optimize((trial) => evaluateAgreeing(trial.config, trial.fidelity), { budget: { trials: 9 } });
    expect(server.requests(PATH)).toHaveLength(3);
    expect(study.optimizerCost.usd).toBeCloseTo(3 * USD_PER_CALL, 12);
    expect(study.optimizerCost.input_tokens).toBe(3000);
    const steps = trajectory(study.trials);
    expect(steps.map((s) => [s.step, s.action, s.policy, s.trials])).toEqual([
      [0, "explore", "llm", [0, 1, 2]],
      [1, "explore", "llm", [3, 4, 5]],
      [2, "explore", "llm", [6, 7, 8]],
    ]);
    expect(steps[0].cost!.usd).toBeCloseTo(USD_PER_CALL, 12);
    await study.close();
  });
});
