import { describe, expect, it } from "vitest";
import type { Sampler, SamplerContext } from "../../src/samplers/index.js";
import { randomSampler } from "../../src/samplers/index.js";
import { float } from "../../src/space/index.js";
import { MemoryStorage, type TrialRecord } from "../../src/storage/index.js";
import { createStudy } from "../../src/study/index.js";

/**
 * A storage whose change feed holds back one trial once, as PostgreSQL's can when a trial
 * with a lower number commits after one with a higher number: the study's cache gets a hole.
 */
class LaggingStorage extends MemoryStorage {
  hide: number | null = null;
  private held: TrialRecord | null = null;
  override async getTrialsChangedSince(studyId: number, cursor: number): Promise<{ trials: TrialRecord[]; cursor: number }> {
    const changed = await super.getTrialsChangedSince(studyId, cursor);
    // A held trial arrives with the next refresh.
    const trials = this.held ? [this.held, ...changed.trials] : changed.trials;
    this.held = trials.find((t) => t.number === this.hide) ?? null;
    if (this.held) this.hide = null;
    return { trials: trials.filter((t) => t !== this.held), cursor: changed.cursor };
  }
}

describe("the history samplers see", () => {
  it("is dense: no holes where another process's trial is not read yet, and complete after the next refresh", async () => {
    const storage = new LaggingStorage();
    const space = { x: float(0, 1) };
    const seen: (readonly TrialRecord[])[] = [];
    const random = randomSampler({ seed: 1 });
    const watching: Sampler = { name: "watching", seed: 1, doAsk: (ctx: SamplerContext) => (seen.push(ctx.trials), random.doAsk(ctx)) };
    const other = await createStudy({ name: "s", storage, space, sampler: randomSampler({ seed: 2 }), logger: () => {} });
    const study = await createStudy({ name: "s", storage, space, sampler: watching, logger: () => {} });
    for (let i = 0; i < 3; i++) await other.tell(await other.ask(), 0.5);
    storage.hide = 1;
    await study.refresh();
    expect(study.trials.map((t) => t.number)).toEqual([0, 2]);
    await study.tell(await study.ask(), 0.1);
    expect(seen[0].every((t) => t !== undefined)).toBe(true);
    await study.refresh();
    expect(study.trials.map((t) => t.number)).toEqual([0, 1, 2, 3]);
    expect(study.bestTrial()?.number).toBe(3);
  });
});
