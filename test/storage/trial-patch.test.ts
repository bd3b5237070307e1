import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStorage } from "../../src/storage/index.js";
import { fileTmpDir } from "../helpers/cli.js";

const dir = fileTmpDir("knobs-patch-");

describe.each(["memory:", `sqlite:${join(dir, "patch.db")}`])("updateTrial on %s", (url) => {
  it("changes a running trial's config and fidelity", async () => {
    const storage = await openStorage(url);
    const study = await storage.createStudy({ name: "p", objectives: [{ name: "v", direction: "minimize" }], space: null });
    const trial = await storage.createTrial(study.id, { state: "running", config: { x: 1 }, fidelity: { level: "1M" } });
    await storage.updateTrial(trial.id, { config: { x: 2 }, fidelity: { level: "1B" } });
    expect(await storage.getTrial(study.id, trial.number)).toMatchObject({ config: { x: 2 }, fidelity: { level: "1B" } });
    await storage.updateTrial(trial.id, { fidelity: null });
    expect((await storage.getTrial(study.id, trial.number))!.fidelity).toBeNull();
    await storage.close();
  });
});
