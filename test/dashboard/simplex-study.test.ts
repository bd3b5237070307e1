import { describe, expect, it } from "vitest";
import { trialsCsv } from "../../src/cli/commands/trials.js";
import { readStudySnapshot, renderStudyReport } from "../../src/dashboard/index.js";
import { queryTrials } from "../../src/dashboard/model/trial-query.js";
import { STUDY_VIEWS } from "../../src/dashboard/views/study-views.js";
import { randomSampler } from "../../src/samplers/index.js";
import { float, simplex, Space, type Weights } from "../../src/space/index.js";
import { MemoryStorage } from "../../src/storage/index.js";
import { createStudy } from "../../src/study/index.js";

async function mixtureStudy() {
  const storage = new MemoryStorage();
  const space = Space.parse({ mix: simplex(["web", "code", "books"]), lr: float(0.001, 0.1, { log: true }) });
  const study = await createStudy({ name: "mixture", storage, space, direction: "minimize", sampler: randomSampler({ seed: 4 }), logger: () => {} });
  await study.optimize((t) => 1 - (t.config.mix as Weights).code, { budget: { trials: 12 } });
  return { storage, study };
}

describe("a study with a simplex parameter stays readable", () => {
  it("the CSV export has one column per component", async () => {
    const { storage, study } = await mixtureStudy();
    const record = (await storage.getStudy("mixture"))!;
    const csv = trialsCsv(record, await storage.getTrials(record.id));
    const [header, first] = csv.trim().split("\n");
    expect(header).toBe("number,state,value,param:mix.web,param:mix.code,param:mix.books,param:lr,duration_ms,error");
    const mix = study.trials[0].config.mix as Weights;
    expect(first.split(",").slice(3, 6).map(Number)).toEqual([mix.web, mix.code, mix.books]);
  });

  it("the trial table, views and report show component weights, not [object Object]", async () => {
    const { storage } = await mixtureStudy();
    const snapshot = (await readStudySnapshot(storage, "mixture"))!;
    const page = queryTrials(snapshot, { sort: "param:mix.code", order: "desc" });
    expect(page.columns.map((c) => c.label)).toEqual(expect.arrayContaining(["mix.web", "mix.code", "mix.books"]));
    const codes = page.trials.map((t) => (t.config.mix as Weights).code);
    expect(codes).toEqual([...codes].sort((a, b) => b - a));
    for (const view of STUDY_VIEWS) expect(view.render(snapshot) ?? "", view.id).not.toContain("[object Object]");
    expect(STUDY_VIEWS.find((v) => v.id === "parallel")!.render(snapshot)).toContain("mix.code");
    expect(renderStudyReport(snapshot)).not.toContain("[object Object]");
    // Importance bins each component's weight: mix.code (the objective is 1 - code) ranks first.
    const importance = STUDY_VIEWS.find((v) => v.id === "importance")!.render(snapshot)!;
    expect(importance.indexOf("mix.code")).toBeGreaterThan(-1);
  });
});
