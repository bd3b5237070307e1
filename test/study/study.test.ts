import { describe, expect, it } from "vitest";
import { randomSampler } from "../../src/samplers/random.js";
import { categorical, float, int } from "../../src/space/index.js";
import { MemoryStorage } from "../../src/storage/index.js";
import { createStudy, loadStudy, StudyMismatchError, type ObjectiveResult } from "../../src/study/index.js";

const space = { x: float(-5, 5), k: int(1, 4), kind: categorical(["a", "b"]), y: float(0, 1, { when: { kind: "b" } }) };
const quiet = { logger: () => {} };

describe("Study ask/tell", () => {
  it("asks valid configurations and tells values and cost", async () => {
    const study = await createStudy({ name: "s", storage: "memory:", space, direction: "minimize", ...quiet });
    const trial = await study.ask();
    expect(trial.number).toBe(0);
    expect(study.space.check(trial.config)).toEqual([]);
    const record = await study.tell(trial, { values: [1.5], cost: { usd: 0.02, input_tokens: 100 } });
    expect(record).toMatchObject({ state: "complete", values: [1.5], cost: { usd: 0.02, input_tokens: 100 } });
    expect((await study.spend()).trials).toEqual({ usd: 0.02, input_tokens: 100 });
    expect(study.bestTrial().number).toBe(0);
  });

  it("fails the trial with the reason on NaN, a missing objective or a wrong count, and goes on", async () => {
    const warnings: string[] = [];
    const study = await createStudy({
      name: "bad",
      storage: "memory:",
      space,
      objectives: [{ name: "recall", direction: "maximize" }, { name: "usd", direction: "minimize" }],
      logger: (m) => warnings.push(m),
    });
    const results: ObjectiveResult[] = [{ recall: NaN, usd: 1 }, { recall: 0.5 }, [1, 2, 3], { values: { recall: 0.7 }, cost: { usd: 0.1 } }];
    const states = [];
    for (const result of results) states.push(await study.tell(await study.ask(), result));
    expect(states.map((t) => t.state)).toEqual(["failed", "failed", "failed", "complete"]);
    expect(states[0].error).toBe('objective "recall" is NaN: expected a finite number');
    expect(states[1].error).toBe('the result has no value for objective "usd" (got keys: recall)');
    expect(states[2].error).toBe("the study has 2 objective(s) (recall, usd) but the result has 3 value(s)");
    expect(states[3].values).toEqual([0.7, 0.1]);
    expect(warnings[0]).toMatch(/^Trial 0 failed with config \{.*\}: objective "recall" is NaN: expected a finite number$/);
  });

  it("fails the trial on Infinity or -Infinity like NaN, through tell and optimize, so it never becomes the best", async () => {
    const study = await createStudy({ name: "inf", storage: "memory:", space, direction: "minimize", ...quiet });
    const told = [await study.tell(await study.ask(), -Infinity), await study.tell(await study.ask(), { values: [Infinity] }), await study.tell(await study.ask(), 2)];
    expect(told.map((t) => [t.state, t.error])).toEqual([
      ["failed", 'objective "value" is -Infinity: expected a finite number'],
      ["failed", 'objective "value" is Infinity: expected a finite number'],
      ["complete", null],
    ]);
    const summary = await study.optimize((trial) => (trial.number % 2 === 0 ? { value: -Infinity } : 1), { budget: { trials: 7 } });
    expect(summary).toMatchObject({ complete: 2, failed: 2 });
    expect(study.trials.filter((t) => t.state === "complete").map((t) => t.values)).toEqual([[2], [1], [1]]);
    expect(study.bestTrial().values).toEqual([1]);
  });

  it("runs enqueued configurations first", async () => {
    const study = await createStudy({ name: "q", storage: "memory:", space, ...quiet });
    const number = await study.enqueue({ x: 1, k: 2, kind: "a" });
    const trial = await study.ask();
    expect(trial.number).toBe(number);
    expect(trial.config).toEqual({ x: 1, k: 2, kind: "a" });
    await expect(study.enqueue({ x: 99, k: 2, kind: "a" })).rejects.toThrow("enqueued config: x: expected a number in [-5, 5], received 99");
  });

  it("returns the Pareto set for several objectives, feasible trials only", async () => {
    const study = await createStudy({
      name: "mo",
      storage: "memory:",
      space,
      objectives: [{ name: "quality", direction: "maximize" }, { name: "usd", direction: "minimize" }],
      ...quiet,
    });
    const results = [
      { values: [0.9, 1.0] },
      { values: [0.8, 0.5] },
      { values: [0.7, 0.7] }, // dominated by #1
      { values: [0.95, 0.1], constraints: [1] }, // infeasible
      { values: [0.5, 0.1] },
    ];
    for (const r of results) await study.tell(await study.ask(), r);
    expect(study.bestTrials().map((t) => t.number)).toEqual([0, 1, 4]);
    expect(() => study.bestTrial()).toThrow(/use bestTrials\(\)/);
  });

  it("supports define-by-run suggestions and records their declarations", async () => {
    const study = await createStudy({ name: "dbr", storage: "memory:", ...quiet });
    await study.optimize(
      (trial) => {
        const model = trial.suggestCategorical("model", ["small", "large"]);
        const t = trial.suggestFloat("temperature", 0, 1, { step: 0.1 });
        const n = model === "large" ? trial.suggestInt("samples", 1, 8, { log: true }) : 1;
        expect(trial.suggestFloat("temperature", 0, 1, { step: 0.1 })).toBe(t);
        return t * n;
      },
      { budget: { trials: 20 } },
    );
    const trials = study.trials;
    expect(trials.length).toBe(20);
    for (const t of trials) {
      expect(t.state).toBe("complete");
      expect(t.params.temperature).toEqual({ type: "float", low: 0, high: 1, step: 0.1 });
      expect("samples" in t.config).toBe(t.config.model === "large");
    }
    const trial = await study.ask();
    trial.suggestFloat("temperature", 0, 1, { step: 0.1 });
    expect(() => trial.suggestFloat("temperature", 0, 2)).toThrow(/declared as .* but was suggested as/);
  });

  it("refuses objectives named twice and a study name with a NUL character, before opening the storage", async () => {
    const objectives = [{ name: "a", direction: "minimize" as const }, { name: "a", direction: "maximize" as const }];
    await expect(createStudy({ name: "d", storage: "memory:", objectives, ...quiet })).rejects.toThrow('objectives[1].name: objective "a" is named twice');
    await expect(createStudy({ name: "x\u0000", storage: "postgres://nobody@127.0.0.1:1/none", ...quiet })).rejects.toThrow("(it holds a NUL character)");
    await expect(loadStudy({ name: "x\u0000", storage: "memory:" })).rejects.toThrow("(it holds a NUL character)");
  });

  it("refuses to load a study with other objectives", async () => {
    const storage = new MemoryStorage();
    await createStudy({ name: "m", storage, direction: "minimize", ...quiet });
    await expect(createStudy({ name: "m", storage, direction: "maximize", ...quiet })).rejects.toBeInstanceOf(StudyMismatchError);
    await expect(loadStudy({ name: "other", storage })).rejects.toThrow('no study named "other"');
  });
});

describe("Study.optimize", () => {
  it("respects the concurrency limit", async () => {
    const study = await createStudy({ name: "c", storage: "memory:", space, ...quiet });
    let running = 0;
    let peak = 0;
    await study.optimize(
      async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return 1;
      },
      { concurrency: 4, budget: { trials: 20 } },
    );
    expect(peak).toBe(4);
    expect(study.trials.length).toBe(20);
  });

  it("starts no more workers than trials the budget has left, and refuses an absurd concurrency", async () => {
    // Every worker checks the sampler's end before each ask: the checks count the workers.
    let checks = 0;
    const sampler = { ...randomSampler({ seed: 1 }), doIsExhausted: () => (checks++, false) };
    const study = await createStudy({ name: "w", storage: "memory:", space, sampler, ...quiet });
    const summary = await study.optimize(() => 1, { concurrency: 1000, budget: { trials: 3 } });
    expect(summary).toMatchObject({ complete: 3, stopReason: "trial budget reached (3)" });
    expect(checks).toBeLessThanOrEqual(2 * 3);
    for (const concurrency of [100_000_000, 0, 1.5]) {
      await expect(study.optimize(() => 1, { concurrency, budget: { trials: 5 } })).rejects.toThrow(
        `concurrency: expected an integer from 1 to 1024, received ${concurrency}`,
      );
    }
  });

  it("fails throwing and timed-out objectives and goes on", async () => {
    const study = await createStudy({ name: "f", storage: "memory:", space, ...quiet });
    let calls = 0;
    const summary = await study.optimize(
      async (trial) => {
        calls++;
        if (trial.number === 1) throw new Error("boom");
        if (trial.number === 2) await new Promise((r) => setTimeout(r, 500));
        return 0;
      },
      { budget: { trials: 5 }, timeout: 50 },
    );
    expect(calls).toBe(5);
    expect(summary).toMatchObject({ complete: 3, failed: 2, stopReason: "trial budget reached (5)" });
    expect(study.trials[1].error).toBe("boom");
    expect(study.trials[2].error).toBe("the objective did not finish within 50 ms");
  });

  it("stops at a cost cap and overshoots by at most the trials in flight", async () => {
    for (const concurrency of [1, 3]) {
      const study = await createStudy({ name: `b${concurrency}`, storage: "memory:", space, ...quiet });
      const summary = await study.optimize(
        async (trial) => {
          await new Promise((r) => setTimeout(r, 1));
          return { values: [0], cost: { usd: 0.1 + 0.05 * (trial.number % 3) } };
        },
        { concurrency, budget: { usd: 1.0, trials: 1000 } },
      );
      const spent = (await study.spend()).trials.usd;
      expect(summary.stopReason).toMatch(/^usd budget reached/);
      expect(spent).toBeGreaterThan(0.7);
      expect(spent).toBeLessThanOrEqual(1.0 + concurrency * 0.2 + 1e-9);
    }
  });

  it("reports a cost cap's stop with the spend of the trials that finished after it, without float noise", async () => {
    const study = await createStudy({ name: "tidy", storage: "memory:", space, ...quiet });
    const summary = await study.optimize(
      async () => {
        await new Promise((r) => setTimeout(r, 5));
        return { values: [0], cost: { usd: 0.1 } };
      },
      { concurrency: 3, budget: { usd: 1, trials: 1000 } },
    );
    const { total } = await study.spend();
    // Ten sums of 0.1 are 0.9999999999999999 in floating point.
    expect(String(total.usd)).toMatch(/^\d(\.\d)?$/);
    expect(summary.stopReason).toBe(`usd budget reached (spent ${total.usd} of 1)`);
  });

  it("counts trials over resumed runs and stops on the wall-time cap", async () => {
    const storage = new MemoryStorage();
    const first = await createStudy({ name: "r", storage, space, ...quiet });
    await first.optimize(() => 1, { budget: { trials: 7 } });
    const second = await createStudy({ name: "r", storage, space, ...quiet });
    await second.optimize(() => 1, { budget: { trials: 10 } });
    expect(second.trials.length).toBe(10);
    const third = await createStudy({ name: "w", storage, space, ...quiet });
    const summary = await third.optimize(() => new Promise((r) => setTimeout(() => r(1), 20)), { budget: { wall: "100ms", trials: 1000 } });
    expect(summary.stopReason).toBe("wall-time budget reached (100 ms)");
    expect(third.trials.length).toBeGreaterThan(2);
    expect(third.trials.length).toBeLessThan(10);
  });

  it("gives the same trajectory for the same seed through optimize() and manual ask/tell", async () => {
    const f = (c: Record<string, unknown>) => (c.x as number) ** 2 + (c.k as number);
    const viaOptimize = await createStudy({ name: "o", storage: "memory:", space, sampler: randomSampler({ seed: 42 }), ...quiet });
    await viaOptimize.optimize((t) => f(t.config), { budget: { trials: 15 } });
    const viaAsk = await createStudy({ name: "a", storage: "memory:", space, sampler: randomSampler({ seed: 42 }), ...quiet });
    for (let i = 0; i < 15; i++) {
      const t = await viaAsk.ask();
      await viaAsk.tell(t, f(t.config));
    }
    const other = await createStudy({ name: "x", storage: "memory:", space, sampler: randomSampler({ seed: 43 }), ...quiet });
    await other.optimize((t) => f(t.config), { budget: { trials: 15 } });
    expect(viaAsk.trials.map((t) => t.config)).toEqual(viaOptimize.trials.map((t) => t.config));
    expect(other.trials.map((t) => t.config)).not.toEqual(viaOptimize.trials.map((t) => t.config));
  });

  it("stops starting trials when the signal aborts", async () => {
    const study = await createStudy({ name: "sig", storage: "memory:", space, ...quiet });
    const controller = new AbortController();
    const summary = await study.optimize(
      (trial) => {
        if (trial.number === 3) controller.abort();
        return 1;
      },
      { budget: { trials: 100 }, signal: controller.signal },
    );
    expect(summary.stopReason).toBe("stopped by signal");
    expect(study.trials.length).toBe(4);
  });
});

describe("determinism over resumes", () => {
  it.each(["random", "qmc", "cmaes"])("%s proposes the same trajectory whether or not the study was resumed", async (name) => {
    const { createOptimizer } = await import("../../src/optimizers/index.js");
    const objective = (trial: { config: Record<string, unknown> }) => ((trial.config.x as number) - 1) ** 2 + (trial.config.k as number);
    const numeric = { x: float(-5, 5), k: int(1, 4) };
    const straight = await createStudy({ name: "a", storage: "memory:", space: numeric, sampler: createOptimizer(name, { seed: 9 }), ...quiet });
    await straight.optimize(objective, { budget: { trials: 30 } });

    const storage = new MemoryStorage();
    const first = await createStudy({ name: "b", storage, space: numeric, sampler: createOptimizer(name, { seed: 9 }), ...quiet });
    await first.optimize(objective, { budget: { trials: 13 } });
    // A new process: a new sampler object and a new Study on the same storage.
    const resumed = await createStudy({ name: "b", storage, space: numeric, sampler: createOptimizer(name, { seed: 9 }), ...quiet });
    await resumed.optimize(objective, { budget: { trials: 30 } });
    expect(resumed.trials.map((t) => t.config)).toEqual(straight.trials.map((t) => t.config));
  });
});

describe("pruning", () => {
  it("asks the pruner with the trial's intermediate values and marks thrown trials pruned", async () => {
    const { TrialPrunedError } = await import("../../src/study/index.js");
    const seen: Record<number, number>[] = [];
    // Prunes a trial whose value at step 1 is above 0.5.
    const pruner = {
      name: "threshold",
      shouldPrune: (trial: { intermediate: Record<number, number> }) => {
        seen.push({ ...trial.intermediate });
        return (trial.intermediate[1] ?? 0) > 0.5;
      },
    };
    const study = await createStudy({ name: "p", storage: "memory:", space: { x: float(0, 1) }, pruner, ...quiet });
    const summary = await study.optimize(
      async (trial) => {
        const x = trial.config.x as number;
        await trial.report(x, 1);
        if (trial.shouldPrune()) throw new TrialPrunedError();
        return x;
      },
      { budget: { trials: 20 } },
    );
    expect(summary.pruned).toBeGreaterThan(0);
    expect(summary.complete + summary.pruned).toBe(20);
    for (const t of study.trials) {
      expect(t.state).toBe((t.config.x as number) > 0.5 ? "pruned" : "complete");
      expect(t.intermediate).toEqual({ 1: t.config.x });
    }
    expect(seen.every((s) => Object.keys(s).length === 1)).toBe(true);
  });
});
