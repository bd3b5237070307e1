import { describe, expect, it } from "vitest";
import { DuplicateStudyError, TrialNotRunningError, type Storage } from "../../src/storage/index.js";

/**
 * One conformance suite for every Storage implementation: each backend's test file
 * calls this with a factory that opens a fresh, empty storage.
 */
export function storageSuite(name: string, open: () => Promise<Storage>): void {
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
      expect((await storage.getTrial(study.id, 0))?.completedAt).toBeTypeOf("number");
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
  });
}
