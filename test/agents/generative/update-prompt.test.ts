import { describe, expect, it } from "vitest";
import { readLoop } from "../../../src/agents/generative/loop-state.js";
import { buildUpdateMessages } from "../../../src/agents/generative/update-prompt.js";
import { makeTrial } from "../../../src/testing/index.js";
import type { TrialRecord } from "../../../src/storage/index.js";

const objective = { name: "accuracy", direction: "maximize" as const };
const params = [{ name: "prompt", format: "prompt" as const }];

/**
 * A loop of `updates` updates: version v's prompt is "v0" plus one line per update, each
 * version ran two training trials scoring 0.1 * (v + 1).
 */
function history(updates: number): TrialRecord[] {
  const trials: TrialRecord[] = [];
  let text = "v0";
  for (let version = 0; version <= updates; version++) {
    if (version > 0) text = `${text}\nline ${version}`;
    for (let k = 0; k < 2; k++) {
      const first = k === 0 && version > 0;
      trials.push(
        makeTrial({
          number: trials.length,
          config: { prompt: text },
          values: [0.1 * (version + 1)],
          userAttrs: {
            feedback: [`trial ${trials.length} step a`, `trial ${trials.length} step b`, `trial ${trials.length} step c`],
            generative: first
              ? { version, split: "train", parent: version - 1, diff: `+line ${version}`, reasoning: `reason ${version}` }
              : { version, split: "train" },
          },
        }),
      );
    }
  }
  return trials;
}

function prompt(trials: TrialRecord[], memory: number, horizon = { entries: null, chars: null } as { entries: number | null; chars: number | null }): string {
  const loop = readLoop(trials, ["prompt"], { prompt: "v0" });
  const minibatch = loop.current.train;
  const { messages } = buildUpdateMessages({ options: { task: "Answer questions.", creditHorizon: horizon, memory }, objective, params, versions: loop.versions, minibatch });
  return messages[1].content;
}

describe("buildUpdateMessages", () => {
  it("renders the whole update prompt from the template (pinned wording)", () => {
    const { messages, template } = buildUpdateMessages({
      options: { task: "Answer questions.", creditHorizon: { entries: 2, chars: null }, memory: 1 },
      objective,
      params,
      versions: readLoop(history(1), ["prompt"], { prompt: "v0" }).versions,
      minibatch: history(1).slice(2),
    });
    expect(template).toBe("generative/update.v1");
    expect(messages[0].role).toBe("system");
    expect(messages[0].content).toMatch(/^You are an optimizer of text artifacts/);
    expect(messages[1].content).toBe(`# Task
Answer questions.

Each trial measures "accuracy" (maximize: higher is better).

# Current artifact (version 1)
<artifact name="prompt" format="prompt">
v0
line 1
</artifact>

# Feedback: 2 trials of version 1
Each trial gives its result, then the end of its execution trace (credit horizon: the last 2 trace entries).

<trial number="2" result="accuracy = 0.2">
[… 1 earlier trace entries not shown]
trial 2 step b
trial 2 step c
</trial>

<trial number="3" result="accuracy = 0.2">
[… 1 earlier trace entries not shown]
trial 3 step b
trial 3 step c
</trial>

# Past updates (the last 1 of 1)
<update version="1" from="0" training_score="accuracy: version 0: 0.1 (mean of 2 trials) -> version 1: 0.2 (mean of 2 trials)">
reasoning: reason 1
diff:
+line 1
</update>

# Your answer
Reply with one JSON object and nothing else:
{"reasoning": "...", "artifact": "<the complete new prompt, as a JSON string>"}
"reasoning" says in a few sentences what the feedback shows and what you change.
`);
  });

  it("shows the last `memory` updates, oldest first, and none for memory 0", () => {
    const trials = history(4);
    const three = prompt(trials, 3);
    expect(three).toContain("# Past updates (the last 3 of 4)");
    expect([...three.matchAll(/<update version="(\d)"/g)].map((match) => match[1])).toEqual(["2", "3", "4"]);
    const all = prompt(trials, 10);
    expect([...all.matchAll(/<update version="(\d)"/g)].map((match) => match[1])).toEqual(["1", "2", "3", "4"]);
    const none = prompt(trials, 0);
    expect(none).toContain("# Past updates (memory is 0: none shown)\n(none shown)");
    expect(none).not.toContain("<update");
    expect(prompt(history(0), 3)).toContain("# Past updates (none yet)\n(none shown)");
  });

  it("cuts each trial's trace to the credit horizon, in entries and then characters", () => {
    const trials = history(0);
    const whole = prompt(trials, 3);
    expect(whole).toContain("credit horizon: the whole trace");
    expect(whole).toContain("trial 0 step a\ntrial 0 step b\ntrial 0 step c");
    const last = prompt(trials, 3, { entries: 1, chars: null });
    expect(last).toContain("[… 2 earlier trace entries not shown]\ntrial 0 step c\n</trial>");
    expect(last).not.toContain("trial 0 step b");
    const chars = prompt(trials, 3, { entries: null, chars: 6 });
    expect(chars).toContain("credit horizon: at most the last 6 characters");
    expect(chars).toContain("[… 38 earlier characters not shown]\nstep c\n</trial>");
  });

  it("tells a failed update apart in the memory", () => {
    const trials = history(1);
    trials[2].userAttrs.generative = { version: 1, split: "train", parent: 0, diff: "", failure: "the reply holds no JSON object" };
    trials[2].config.prompt = "v0";
    trials[3].config.prompt = "v0";
    expect(prompt(trials, 2)).toContain("The update failed (the reply holds no JSON object); the artifact was kept unchanged.");
  });

  it("asks for a map with every parameter and states format rules when several are trainable", () => {
    const loop = readLoop(
      [makeTrial({ number: 0, config: { a: "x", b: "{}" }, values: [1], userAttrs: { generative: { version: 0, split: "train" } } })],
      ["a", "b"],
      { a: "x", b: "{}" },
    );
    const { messages } = buildUpdateMessages({
      options: { task: "t", creditHorizon: { entries: null, chars: null }, memory: 1 },
      objective: { name: "loss", direction: "minimize" },
      params: [
        { name: "a", format: "code" },
        { name: "b", format: "json" },
      ],
      versions: loop.versions,
      minibatch: loop.current.train,
    });
    const text = messages[1].content;
    expect(text).toContain('(minimize: lower is better)');
    expect(text).toContain('<artifact name="a" format="code">\nx\n</artifact>\n<artifact name="b" format="json">\n{}\n</artifact>');
    expect(text).toContain('{"reasoning": "...", "artifact": {"a": "<the complete new a>", "b": "<the complete new b>"}}');
    expect(text).toContain('"artifact.a" is a JavaScript ES module that parses and keeps the exported entry function. "artifact.b" is a string whose text parses as JSON. Give every parameter, changed or not.');
  });
});
