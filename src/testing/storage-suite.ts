import { DuplicateStudyError, TrialLimitReachedError, TrialNotRunningError, type Storage } from "../storage/index.js";

/** The test functions of vitest or jest (`import { describe, it, expect } from "vitest"`). */
export interface TestHarness {
  describe: (name: string, body: () => void) => void;
  it: (name: string, body: () => Promise<void>) => void;
  /** vitest's or jest's `expect`; the suite uses toBe, toEqual, toMatchObject, toMatch, toBeNull, toBeGreaterThan, rejects.toThrow and rejects.toBeInstanceOf. */
  expect: (actual: unknown) => any;
}

export interface StorageConformanceOptions extends TestHarness {
  /** Names the suite: `<name> storage (conformance)`. */
  name: string;
  /** Opens a fresh, empty storage; each case opens one and closes it. */
  open: () => Promise<Storage>;
}

/**
 * The conformance suite every Storage implementation passes (knobs' memory, SQLite and
 * PostgreSQL storages run it): studies, trial numbering, finishing, claiming queued trials,
 * heartbeats and stale trials, trial limits. Run it on your own Storage from a test file:
 *
 * @example
 * import { describe, expect, it } from "vitest";
 * import { storageConformanceSuite } from "knobs/testing";
 * storageConformanceSuite({ name: "redis", open: () => RedisStorage.open(url), describe, it, expect });
 */
export function storageConformanceSuite(options: StorageConformanceOptions): void {
  const { name, open, describe, it, expect } = options;
  const objectives = [{ name: "value", direction: "minimize" as const }];

  describe(`${name} storage (conformance)`, () => {
    it("creates, lists, gets and deletes studies", async () => {
      const storage = await open();
      const study = await storage.createStudy({ name: "s", objectives, space: { x: { type: "float", low: 0, high: 1 } } });
      expect(study.name).toBe("s");
      await expect(storage.createStudy({ name: "s", objectives, space: null })).rejects.toBeInstanceOf(DuplicateStudyError);
      expect((await storage.getStudy("s"))?.space).toEqual({ x: { type: "float", low: 0, high: 1 } });
      expect(await storage.getStudy("nope")).toBeNull();
      await storage.setStudyUserAttr(study.id, "owner", { team: "rag" });
      await storage.addOptimizerCost(study.id, { usd: 0.5 });
      await storage.addOptimizerCost(study.id, { usd: 0.25, input_tokens: 10 });
      const loaded = await storage.getStudy("s");
      expect(loaded?.userAttrs).toEqual({ owner: { team: "rag" } });
      expect(loaded?.optimizerCost).toEqual({ usd: 0.75, input_tokens: 10 });
      expect((await storage.listStudies()).map((s) => s.name)).toEqual(["s"]);
      await storage.deleteStudy("s");
      expect(await storage.getStudy("s")).toBeNull();
      await storage.close();
    });

    it("refuses a study name with a NUL character or invalid UTF-8, and objectives named twice, storing nothing", async () => {
      const storage = await open();
      for (const [name, holds] of [
        ["a\u0000b", "a NUL character"],
        ["a\uD800b", "a lone UTF-16 surrogate, which is not valid UTF-8"],
        ["caf\uFFFD", "U+FFFD, the mark of bytes that were not valid UTF-8"],
      ]) {
        await expect(storage.createStudy({ name, objectives, space: null })).rejects.toThrow(
          `name: expected a study name in valid UTF-8 without NUL characters, received ${JSON.stringify(name)} (it holds ${holds})`,
        );
      }
      const twice = [...objectives, { name: "value", direction: "maximize" as const }];
      await expect(storage.createStudy({ name: "d", objectives: twice, space: null })).rejects.toThrow(
        'objectives[1].name: objective "value" is named twice: expected distinct objective names',
      );
      expect(await storage.listStudies()).toEqual([]);
      await storage.close();
    });

    it("keeps a simplex parameter's definition and its weights (key order included) unchanged", async () => {
      const storage = await open();
      const space = { mix: { type: "simplex" as const, components: ["web", "code", "books"], floor: 0.05, concentration: 0.5 } };
      const study = await storage.createStudy({ name: "mixture", objectives, space });
      const mix = { web: 0.1234567890123456, code: 0.05, books: 0.8265432109876544 };
      const trial = await storage.createTrial(study.id, { state: "running", config: { mix } });
      await storage.finishTrial(trial.id, { state: "complete", values: [0.5] });
      expect((await storage.getStudy("mixture"))?.space).toEqual(space);
      const [stored] = await storage.getTrials(study.id);
      expect(stored.config).toEqual({ mix });
      expect(Object.keys(stored.config.mix as object)).toEqual(["web", "code", "books"]);
      await storage.close();
    });

    it("numbers trials 0, 1, 2 and finishes them with values, cost and constraints", async () => {
      const storage = await open();
      const study = await storage.createStudy({ name: "t", objectives, space: null });
      const a = await storage.createTrial(study.id, { state: "running", config: { x: 1 } });
      const b = await storage.createTrial(study.id, { state: "running", config: { x: 2 } });
      expect([a.number, b.number]).toEqual([0, 1]);
      await storage.updateTrial(a.id, { intermediate: { 1: 0.5 }, userAttrs: { note: "hi" } });
      await storage.updateTrial(a.id, { intermediate: { 2: 0.25 } });
      const done = await storage.finishTrial(a.id, { state: "complete", values: [0.1], cost: { usd: 0.01 }, constraints: [-1] });
      expect(done).toMatchObject({ state: "complete", values: [0.1], cost: { usd: 0.01 }, constraints: [-1], intermediate: { 1: 0.5, 2: 0.25 }, userAttrs: { note: "hi" } });
      await expect(storage.finishTrial(a.id, { state: "failed" })).rejects.toBeInstanceOf(TrialNotRunningError);
      await expect(storage.updateTrial(a.id, { userAttrs: { x: 1 } })).rejects.toBeInstanceOf(TrialNotRunningError);
      await storage.finishTrial(b.id, { state: "complete", values: [-Infinity] });
      const trials = await storage.getTrials(study.id);
      expect(trials.map((t) => t.number)).toEqual([0, 1]);
      expect(trials[1].values).toEqual([-Infinity]);
      expect(typeof (await storage.getTrial(study.id, 0))?.completedAt).toBe("number");
      await storage.close();
    });

    it("claims each queued trial once, oldest first", async () => {
      const storage = await open();
      const study = await storage.createStudy({ name: "q", objectives, space: null });
      await storage.createTrial(study.id, { state: "queued", config: { x: 1 } });
      await storage.createTrial(study.id, { state: "queued", config: { x: 2 } });
      const first = await storage.claimQueuedTrial(study.id, "w1", 123);
      const second = await storage.claimQueuedTrial(study.id, "w2", 123);
      expect([first?.config, second?.config]).toEqual([{ x: 1 }, { x: 2 }]);
      expect(first).toMatchObject({ state: "running", workerId: "w1", heartbeat: 123 });
      expect(await storage.claimQueuedTrial(study.id, "w3", null)).toBeNull();
      await storage.close();
    });

    it("starts a trial under a trial limit only while fewer have started (queued trials do not count until claimed)", async () => {
      const storage = await open();
      const study = await storage.createStudy({ name: "limit", objectives, space: null });
      await storage.createTrial(study.id, { state: "queued", config: { x: 0 } });
      await storage.createTrial(study.id, { state: "running", config: { x: 1 }, trialLimit: 2 });
      expect((await storage.claimQueuedTrial(study.id, "w", null, { trialLimit: 2 }))?.config).toEqual({ x: 0 });
      await expect(storage.createTrial(study.id, { state: "running", config: { x: 2 }, trialLimit: 2 })).rejects.toBeInstanceOf(TrialLimitReachedError);
      // Queuing is not starting; claiming is.
      await storage.createTrial(study.id, { state: "queued", config: { x: 3 }, trialLimit: 2 });
      await expect(storage.claimQueuedTrial(study.id, "w", null, { trialLimit: 2 })).rejects.toBeInstanceOf(TrialLimitReachedError);
      expect((await storage.claimQueuedTrial(study.id, "w", null, { trialLimit: 3 }))?.config).toEqual({ x: 3 });
      // Without a limit nothing is refused; a refused start wrote nothing.
      await storage.createTrial(study.id, { state: "running", config: { x: 4 } });
      expect((await storage.getTrials(study.id)).map((t) => [t.number, t.state])).toEqual([
        [0, "running"],
        [1, "running"],
        [2, "running"],
        [3, "running"],
      ]);
      await storage.close();
    });

    it("reports changed trials through the cursor", async () => {
      const storage = await open();
      const study = await storage.createStudy({ name: "c", objectives, space: null });
      const a = await storage.createTrial(study.id, { state: "running", config: {} });
      const first = await storage.getTrialsChangedSince(study.id, 0);
      expect(first.trials.map((t) => t.number)).toEqual([0]);
      const none = await storage.getTrialsChangedSince(study.id, first.cursor);
      expect(none.trials).toEqual([]);
      await storage.createTrial(study.id, { state: "running", config: {} });
      await storage.finishTrial(a.id, { state: "complete", values: [1] });
      const next = await storage.getTrialsChangedSince(study.id, first.cursor);
      expect(next.trials.map((t) => [t.number, t.state])).toEqual([[0, "complete"], [1, "running"]]);
      await storage.close();
    });

    it("fails silent or dead workers' trials and re-queues them while retries last", async () => {
      const storage = await open();
      const study = await storage.createStudy({ name: "h", objectives, space: null });
      const silent = await storage.createTrial(study.id, { state: "running", config: { x: 1 }, workerId: "w1", heartbeat: 1000 });
      await storage.createTrial(study.id, { state: "running", config: { x: 2 }, workerId: "w2", heartbeat: 1000 });
      await storage.createTrial(study.id, { state: "running", config: { x: 3 }, workerId: "gone", heartbeat: 9_999 });
      await storage.createTrial(study.id, { state: "running", config: { x: 4 } });
      await storage.heartbeat("w2", 9_000);
      const failed = await storage.failStaleTrials(study.id, { now: 10_000, timeoutMs: 5_000, maxRetries: 1, deadWorkers: ["gone"] });
      expect(failed.map((t) => t.number).sort()).toEqual([0, 2]);
      expect(failed.find((t) => t.number === 0)?.error).toMatch(/worker w1 stopped sending heartbeats \(silent for 9\.0 s\); configuration re-queued/);
      expect(failed.find((t) => t.number === 2)?.error).toMatch(/worker gone is gone/);
      const trials = await storage.getTrials(study.id);
      expect(trials.map((t) => t.state)).toEqual(["failed", "running", "failed", "running", "queued", "queued"]);
      const retry = await storage.claimQueuedTrial(study.id, "w3", 20_000);
      expect(retry).toMatchObject({ config: silent.config, retries: 1, systemAttrs: { retriedFrom: 0 } });
      await storage.finishTrial(retry!.id, { state: "complete", values: [1] });
      // A retry that dies again is not re-queued past maxRetries.
      const claimed = await storage.claimQueuedTrial(study.id, "w4", 20_000);
      expect(claimed?.retries).toBe(1);
      const again = await storage.failStaleTrials(study.id, { now: 90_000, timeoutMs: 5_000, maxRetries: 1 });
      expect(again.map((t) => t.number).sort()).toEqual([1, 5]);
      const after = await storage.getTrials(study.id);
      expect(after.filter((t) => t.state === "queued").length).toBe(1);
      await storage.close();
    });

    it("refuses to finish or update a trial after it was failed as stale", async () => {
      const storage = await open();
      const study = await storage.createStudy({ name: "stale-then-finish", objectives, space: null });
      const trial = await storage.createTrial(study.id, { state: "running", config: { x: 1 }, workerId: "w1", heartbeat: 1000 });
      await storage.updateTrial(trial.id, { userAttrs: { step: 1 } });
      await storage.failStaleTrials(study.id, { now: 10_000, timeoutMs: 5_000, maxRetries: 0 });
      await expect(storage.finishTrial(trial.id, { state: "complete", values: [1] })).rejects.toBeInstanceOf(TrialNotRunningError);
      await expect(storage.updateTrial(trial.id, { userAttrs: { step: 2 } })).rejects.toBeInstanceOf(TrialNotRunningError);
      expect(await storage.getTrial(study.id, 0)).toMatchObject({ state: "failed", values: null, userAttrs: { step: 1 } });
      await storage.close();
    });

    it("round-trips numbers, key order and nested attributes exactly", async () => {
      const storage = await open();
      const space = { z: { type: "float" as const, low: 0, high: 1 }, a: { type: "int" as const, low: 1, high: 9 } };
      const study = await storage.createStudy({ name: "exact", objectives, space, userAttrs: { nested: { b: [1, 2], a: null } } });
      const config = { zeta: 0.1 + 0.2, alpha: 1e-300, max: Number.MAX_VALUE, tiny: 5e-324, text: "é \" ' ;", none: null, flag: true };
      const trial = await storage.createTrial(study.id, { state: "running", config, params: { zeta: space.z }, fidelity: { epochs: 3 } });
      await storage.updateTrial(trial.id, { systemAttrs: { deep: { list: [{ x: 1 / 3 }] } }, intermediate: { 0: 2 / 3, 10: -1e-200 } });
      await storage.finishTrial(trial.id, { state: "complete", values: [1 / 3, -Infinity, NaN], constraints: [Infinity, -0.5], cost: { usd: 0.1 + 0.7 } });
      const [loaded] = await storage.getTrials(study.id);
      expect(Object.keys(loaded.config)).toEqual(Object.keys(config));
      expect(loaded.config).toEqual(config);
      expect(loaded.params).toEqual({ zeta: space.z });
      expect(loaded.fidelity).toEqual({ epochs: 3 });
      expect(loaded.values).toEqual([1 / 3, -Infinity, NaN]);
      expect(loaded.constraints).toEqual([Infinity, -0.5]);
      expect(loaded.cost).toEqual({ usd: 0.1 + 0.7 });
      expect(loaded.intermediate).toEqual({ 0: 2 / 3, 10: -1e-200 });
      expect(loaded.systemAttrs).toEqual({ deep: { list: [{ x: 1 / 3 }] } });
      const reloaded = await storage.getStudy("exact");
      expect(Object.keys(reloaded!.space!)).toEqual(["z", "a"]);
      expect(reloaded?.userAttrs).toEqual({ nested: { b: [1, 2], a: null } });
      await storage.close();
    });

    it("numbers each study's trials apart and deletes a study's trials with it", async () => {
      const storage = await open();
      const a = await storage.createStudy({ name: "a", objectives, space: null });
      const b = await storage.createStudy({ name: "b", objectives, space: null });
      await storage.createTrial(a.id, { state: "running", config: { s: "a" } });
      await storage.createTrial(a.id, { state: "queued", config: { s: "a" } });
      const inB = await storage.createTrial(b.id, { state: "running", config: { s: "b" } });
      expect(inB.number).toBe(0);
      expect(await storage.claimQueuedTrial(b.id, "w", null)).toBeNull();
      await storage.deleteStudy("a");
      const again = await storage.createStudy({ name: "a", objectives, space: null });
      expect(await storage.getTrials(again.id)).toEqual([]);
      expect((await storage.createTrial(again.id, { state: "running", config: {} })).number).toBe(0);
      expect((await storage.getTrials(b.id)).map((t) => t.config)).toEqual([{ s: "b" }]);
      await storage.close();
    });

    it("gives concurrent createTrial calls distinct consecutive numbers", async () => {
      const storage = await open();
      const study = await storage.createStudy({ name: "many", objectives, space: null });
      const trials = await Promise.all(Array.from({ length: 20 }, (_, i) => storage.createTrial(study.id, { state: "running", config: { i } })));
      expect(trials.map((t) => t.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(new Set(trials.map((t) => t.id)).size).toBe(20);
      const stored = await storage.getTrials(study.id);
      for (const trial of trials) expect(stored[trial.number].config).toEqual(trial.config);
      await storage.close();
    });

    it("reports claims, updates and stale failures through the cursor", async () => {
      const storage = await open();
      const study = await storage.createStudy({ name: "feed", objectives, space: null });
      await storage.createTrial(study.id, { state: "queued", config: { x: 1 } });
      const start = await storage.getTrialsChangedSince(study.id, 0);
      const claimed = await storage.claimQueuedTrial(study.id, "w1", 1000);
      const afterClaim = await storage.getTrialsChangedSince(study.id, start.cursor);
      expect(afterClaim.trials.map((t) => [t.number, t.state, t.workerId])).toEqual([[0, "running", "w1"]]);
      await storage.updateTrial(claimed!.id, { userAttrs: { step: 1 } });
      const afterUpdate = await storage.getTrialsChangedSince(study.id, afterClaim.cursor);
      expect(afterUpdate.trials.map((t) => t.userAttrs)).toEqual([{ step: 1 }]);
      await storage.failStaleTrials(study.id, { now: 100_000, timeoutMs: 1000, maxRetries: 1 });
      const afterReap = await storage.getTrialsChangedSince(study.id, afterUpdate.cursor);
      expect(afterReap.trials.map((t) => [t.number, t.state])).toEqual([[0, "failed"], [1, "queued"]]);
      expect(afterReap.cursor).toBeGreaterThan(afterUpdate.cursor);
      expect((await storage.getTrialsChangedSince(study.id, afterReap.cursor)).trials).toEqual([]);
      await storage.close();
    });

    it("refuses to change or finish a queued trial", async () => {
      const storage = await open();
      const study = await storage.createStudy({ name: "queued", objectives, space: null });
      const queued = await storage.createTrial(study.id, { state: "queued", config: {} });
      await expect(storage.finishTrial(queued.id, { state: "complete", values: [1] })).rejects.toBeInstanceOf(TrialNotRunningError);
      await expect(storage.updateTrial(queued.id, { userAttrs: { a: 1 } })).rejects.toBeInstanceOf(TrialNotRunningError);
      expect((await storage.getTrial(study.id, 0))?.state).toBe("queued");
      await storage.close();
    });
  });
}
