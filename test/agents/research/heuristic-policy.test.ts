import { describe, expect, it } from "vitest";
import { heuristicPolicy, researchOptimizer, trajectory, type ResearchRecord } from "../../../src/agents/research/index.js";
import { hartmann6Mf, hartmann6MfMisleading, type SyntheticMfProblem } from "../../../src/bench/synthetic/index.js";
import { fidelityLevels } from "../../../src/fidelity/index.js";
import { categorical, ordinal, Space, type Config } from "../../../src/space/index.js";
import type { TrialRecord } from "../../../src/storage/spec.js";
import { agreeingFidelity, agreeingSpace, evaluateAgreeing } from "./agreeing-problem.js";
import { askNext, drive } from "./drive.js";

const levels = fidelityLevels(hartmann6Mf.fidelity);
const levelOf = (trial: TrialRecord) => levels.indexOf(trial.fidelity);
const recordOf = (trial: TrialRecord) => trial.userAttrs.research as ResearchRecord;

function run(problem: SyntheticMfProblem, trials: number, seed = 1) {
  return drive({
    sampler: researchOptimizer({ fidelity: problem.fidelity, seed, policy: heuristicPolicy() }),
    space: problem.space,
    evaluate: (config, fidelity, number) => problem.evaluate(config, fidelity, number),
    trials,
  });
}

describe("research optimizer, heuristic policy, on the synthetic multi-fidelity Hartmann-6", () => {
  it("explores cheaply first: 81 new configurations at the lowest level", async () => {
    const { trials } = await run(hartmann6Mf, 90);
    const [first] = trajectory(trials);
    expect(first.action).toBe("explore");
    expect(first.policy).toBe("heuristic");
    expect(first.trials).toEqual(Array.from({ length: 81 }, (_, i) => i));
    expect(trials.slice(0, 81).every((trial) => levelOf(trial) === 0)).toBe(true);
    expect(first.plan.every((item) => item.kind === "inner" && item.level === 0)).toBe(true);
    expect(first.reasoning).toMatch(/^Start cheap: 81 new configurations at budget=1/);
  });

  it("promotes the best third of a level to the next one, then reaches the top", async () => {
    const { trials } = await run(hartmann6Mf, 130);
    const steps = trajectory(trials);
    const promote = steps.find((step) => step.action === "promote")!;
    expect(promote.step).toBe(1);
    expect(promote.trials).toHaveLength(27);
    const lowest = trials.slice(0, 81).sort((a, b) => a.values![0] - b.values![0]);
    const promoted = new Set(promote.trials.map((n) => JSON.stringify(trials[n].config)));
    expect(promoted).toEqual(new Set(lowest.slice(0, 27).map((t) => JSON.stringify(t.config))));
    expect(promote.trials.every((n) => levelOf(trials[n]) === 1)).toBe(true);
    const top = trials.filter((t) => levelOf(t) === levels.count - 1);
    expect(top.length).toBeGreaterThan(0);
    // What reached the top ran at every level below it first (plain promotion, one level at a time).
    expect(trials.filter((t) => levelOf(t) === 3).some((t) => JSON.stringify(t.config) === JSON.stringify(top[0].config))).toBe(true);
  });

  it("records a complete, ordered trajectory: every trial in one step, in plan order", async () => {
    const { trials } = await run(hartmann6Mf, 300);
    const steps = trajectory(trials);
    expect(steps.map((s) => s.step)).toEqual(steps.map((_, i) => i));
    expect(steps.flatMap((s) => s.trials)).toEqual(trials.map((t) => t.number));
    for (const step of steps.slice(0, -1)) expect(step.trials).toHaveLength(step.plan.length);
    for (const step of steps) {
      expect(step.reasoning.length).toBeGreaterThan(10);
      expect(step.state?.levels).toHaveLength(levels.count);
      step.trials.forEach((number, index) => {
        const record = recordOf(trials[number]);
        expect(record).toMatchObject({ step: step.step, index, size: step.plan.length, action: step.action, policy: "heuristic", templates: [] });
        expect(levelOf(trials[number])).toBe(step.plan[index].level);
      });
    }
    // Hypotheses cost no trial: no trial is a hypothesize step; they are folded into the next step.
    expect(steps.some((s) => s.action === "hypothesize")).toBe(false);
    const folded = steps.filter((s) => s.notes?.some((note) => note.action === "hypothesize"));
    expect(folded.length).toBeGreaterThan(0);
    expect(folded[0].hypotheses.length).toBeGreaterThan(0);
    expect(folded[0].hypotheses).toEqual(folded[0].notes!.at(-1)!.hypotheses);
    expect(steps.at(-1)!.hypotheses.some((h) => /"x\d" is better \(rho/.test(h))).toBe(true);
  });

  it("extrapolates from a cheap level that agrees with the top, straight to the top", async () => {
    const { trials } = await run(hartmann6Mf, 300);
    const steps = trajectory(trials);
    const jump = steps.find((s) => s.action === "extrapolate");
    expect(jump).toBeDefined();
    expect(jump!.plan).toEqual([{ kind: "promote", level: levels.count - 1, trial: jump!.predictions![0].trial }]);
    const from = trials[jump!.predictions![0].trial];
    expect(levelOf(from)).toBeLessThan(levels.count - 2);
    expect(jump!.reasoning).toMatch(/agrees with the top \(rho [\d.]+ over \d+ configurations\)/);
  });

  it("falls back to higher fidelity when low fidelity misleads", async () => {
    const { trials } = await run(hartmann6MfMisleading, 260);
    const steps = trajectory(trials);
    const misled = steps.findIndex((s) => s.state!.agreement.some((a) => a.verdict === "misleads"));
    expect(misled).toBeGreaterThan(0);
    // New configurations (from the inner sampler or near good ones) no longer start at a misleading level.
    const fresh = steps.slice(misled).filter((s) => s.plan.some((item) => item.kind === "inner" || item.kind === "near"));
    expect(fresh.length).toBeGreaterThan(0);
    for (const step of fresh) {
      const misleading = step.state!.agreement.filter((a) => a.verdict === "misleads").map((a) => a.level);
      const base = Math.max(...misleading) + 1;
      expect(base).toBeGreaterThan(0);
      expect(step.plan.every((item) => item.level === base)).toBe(true);
      expect(step.reasoning).toMatch(/^Low fidelity misleads about the top \(budget=\d+: rho -?[\d.]+\), so new configurations start higher/);
    }
    expect(steps.at(-1)!.hypotheses.some((h) => /misleads about the top level/.test(h))).toBe(true);
  });

  it("is deterministic for a seed, and another seed gives another run", async () => {
    const a = await run(hartmann6Mf, 120, 7);
    const b = await run(hartmann6Mf, 120, 7);
    const c = await run(hartmann6Mf, 120, 8);
    const shape = (t: TrialRecord[]) => t.map((trial) => [trial.config, trial.fidelity, trial.userAttrs]);
    expect(shape(b.trials)).toEqual(shape(a.trials));
    expect(shape(c.trials)).not.toEqual(shape(a.trials));
  });

  it("proposes from the trials alone: a fresh optimizer continues a stored run the same way", async () => {
    const { trials, proposals } = await run(hartmann6Mf, 130);
    for (const cut of [85, 108, 125]) {
      const resumed = researchOptimizer({ fidelity: hartmann6Mf.fidelity, seed: 1 });
      expect(await askNext(resumed, hartmann6Mf.space, trials.slice(0, cut))).toEqual(proposals[cut]);
    }
    const resumed = researchOptimizer({ fidelity: hartmann6Mf.fidelity, seed: 1 });
    // Trials 81.. continue step 1 (the promotion of 27): the record says so without a new decision.
    const next = await askNext(resumed, hartmann6Mf.space, trials.slice(0, 90));
    expect(next.userAttrs!.research).toMatchObject({ step: 1, index: 9, action: "promote" });
    expect(next.userAttrs!.research).not.toHaveProperty("plan");
  });

  it("keeps its place without user attributes (the benchmark simulator drops them)", async () => {
    const sampler = researchOptimizer({ fidelity: hartmann6Mf.fidelity, seed: 1 });
    const { trials, proposals } = await drive({
      sampler,
      space: hartmann6Mf.space,
      evaluate: (config, fidelity, number) => hartmann6Mf.evaluate(config, fidelity, number),
      trials: 120,
      keepUserAttrs: false,
    });
    const kept = await run(hartmann6Mf, 120);
    expect(trials.map((t) => [t.config, t.fidelity])).toEqual(kept.trials.map((t) => [t.config, t.fidelity]));
    expect(proposals.map((p) => p.userAttrs)).toEqual(kept.trials.map((t) => t.userAttrs));
  });
});

describe("research optimizer, heuristic policy, spend", () => {
  it("keeps the top level near its budget share and records the spend per level", async () => {
    const { trials } = await drive({
      sampler: researchOptimizer({ fidelity: agreeingFidelity, seed: 3, budgetShare: 0.3 }),
      space: agreeingSpace,
      evaluate: evaluateAgreeing,
      trials: 250,
    });
    const spent = [0, 0, 0];
    const sizes = ["small", "medium", "large"];
    for (const trial of trials) spent[sizes.indexOf(trial.fidelity!.size as string)] += trial.cost.usd;
    const share = spent[2] / (spent[0] + spent[1] + spent[2]);
    // Within one top run (1 usd) of the aim.
    expect(share).toBeLessThanOrEqual(0.3 + 1 / (spent[0] + spent[1] + spent[2]));
    expect(spent[2]).toBeGreaterThan(0);
    const last = trajectory(trials).at(-1)!;
    expect(last.state!.levels.map((l) => l.spent).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(last.state!.topShare).toBeLessThan(0.35);
  });

  it("weighs levels by their resource when trials report no cost", async () => {
    const { trials } = await drive({
      sampler: researchOptimizer({ fidelity: agreeingFidelity, seed: 3 }),
      space: agreeingSpace,
      evaluate: (config, fidelity) => ({ values: evaluateAgreeing(config, fidelity).values }),
      trials: 60,
    });
    const last = trajectory(trials).at(-1)!;
    const counts = [0, 0, 0];
    for (const trial of trials.slice(0, last.trials[0])) counts[["small", "medium", "large"].indexOf(trial.fidelity!.size as string)]++;
    expect(last.state!.levels.map((l) => l.spent)).toEqual(counts.map((count, i) => count * (i + 1)));
  });
});

describe("research optimizer on a checkpoint ladder (issue 16)", () => {
  it("skips the free checkpoint, moves up past a tied one, caps exploration at the space's size and reaches the top", async () => {
    const space = Space.parse({ k: categorical(["c0", "c1", "c2", "c3", "c4"]) });
    const steps = [0, 10, 30, 90];
    // Step 10 scores every configuration the same (near chance).
    const evaluate = (config: Config, fidelity: Config | null) => {
      const step = fidelity!.step as number;
      const k = Number(String(config.k).slice(1));
      return { values: [step <= 10 ? 7 : 1 + Math.abs(k - 3) / 10 + 10 / step] };
    };
    const sampler = researchOptimizer({ fidelity: { step: ordinal(steps) }, seed: 0, policy: heuristicPolicy() });
    const { trials } = await drive({ sampler, space, evaluate, trials: 14 });
    const at = (step: number) => trials.filter((t) => t.fidelity?.step === step);
    expect(at(0)).toEqual([]);
    // The first exploration runs each of the 5 configurations once, not 9 draws of 5.
    expect(at(10)).toHaveLength(5);
    expect(at(90).length).toBeGreaterThan(0);
    const later = trajectory(trials).find((step) => step.action === "explore" && step.step > 0);
    expect(later?.reasoning).toMatch(/step=30|misleads/);
  });
});
