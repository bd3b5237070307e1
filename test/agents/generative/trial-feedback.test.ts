import { describe, expect, it } from "vitest";
import { cutToHorizon, renderTrialFeedback, traceOf } from "../../../src/agents/generative/trial-feedback.js";
import { makeTrial } from "../../../src/testing/index.js";

const objective = { name: "accuracy", direction: "maximize" as const };

describe("traceOf", () => {
  it("reads an array feedback entry by entry (objects as JSON), a string line by line, and adds the error of a failed trial", () => {
    const array = makeTrial({ number: 0, config: {}, userAttrs: { feedback: ["step one", { tool: "search", ok: false }] } });
    expect(traceOf(array)).toEqual(["step one", '{"tool":"search","ok":false}']);
    const text = makeTrial({ number: 1, config: {}, userAttrs: { feedback: "line 1\nline 2" } });
    expect(traceOf(text)).toEqual(["line 1", "line 2"]);
    const failed = makeTrial({ number: 2, config: {}, state: "failed", error: "timeout: too slow", userAttrs: { feedback: ["started"] } });
    expect(traceOf(failed)).toEqual(["started", "error: timeout: too slow"]);
    expect(traceOf(makeTrial({ number: 3, config: {} }))).toEqual([]);
  });
});

describe("cutToHorizon", () => {
  const trace = Array.from({ length: 10 }, (_, i) => `step ${i}`);

  it("keeps the last N entries and says how many were left out", () => {
    expect(cutToHorizon(trace, { entries: 3, chars: null })).toBe("[… 7 earlier trace entries not shown]\nstep 7\nstep 8\nstep 9");
  });

  it("then keeps the last C characters of those", () => {
    expect(cutToHorizon(trace, { entries: 3, chars: 8 })).toBe("[… 7 earlier trace entries not shown; 12 earlier characters not shown]\n8\nstep 9");
    expect(cutToHorizon(trace, { entries: null, chars: 6 })).toBe("[… 63 earlier characters not shown]\nstep 9");
  });

  it("shows the whole trace when it fits, and says when there is none", () => {
    expect(cutToHorizon(trace, { entries: null, chars: null })).toBe(trace.join("\n"));
    expect(cutToHorizon(trace, { entries: 10, chars: 1000 })).toBe(trace.join("\n"));
    expect(cutToHorizon([], { entries: 2, chars: 10 })).toBe("(no feedback recorded)");
  });
});

describe("renderTrialFeedback", () => {
  it("heads the trace with the trial number and its score or state", () => {
    const complete = makeTrial({ number: 4, config: {}, values: [0.6666666], userAttrs: { feedback: ["a", "b"] } });
    expect(renderTrialFeedback(complete, objective, { entries: 1, chars: null })).toBe(
      '<trial number="4" result="accuracy = 0.6667">\n[… 1 earlier trace entries not shown]\nb\n</trial>',
    );
    const failed = makeTrial({ number: 5, config: {}, state: "failed", error: "crash: TypeError: x is undefined" });
    expect(renderTrialFeedback(failed, objective, { entries: null, chars: null })).toBe(
      '<trial number="5" result="failed, no score">\nerror: crash: TypeError: x is undefined\n</trial>',
    );
  });
});
