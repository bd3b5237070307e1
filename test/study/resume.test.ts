import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { successiveHalvingSampler } from "../../src/fidelity/index.js";
import { float, int } from "../../src/space/index.js";
import { commandObjective, createStudy, type Trial } from "../../src/study/index.js";
import { useTmpDir } from "../helpers/cli.js";

const tmp = useTmpDir();
const space = { x: float(0, 1) };
const fidelity = { steps: int(1, 9) };

describe("continuing a run from a checkpoint in optimize()", () => {
  it("tells a promoted trial which trial of its configuration to resume from", async () => {
    const study = await createStudy({ name: "resume", storage: "memory:", space, direction: "minimize", sampler: successiveHalvingSampler({ fidelity, eta: 3, seed: 4 }) });
    let trained = 0;
    const objective = async (trial: Trial) => {
      const from = trial.resumeFrom;
      // A checkpoint is the steps trained so far; resuming trains only the rest.
      const start = from ? (from.userAttrs.checkpoint as { steps: number }).steps : 0;
      const steps = trial.fidelity!.steps as number;
      trained += steps - start;
      await trial.setUserAttr("checkpoint", { steps });
      return { values: { value: (trial.config.x as number) + 1 / steps } };
    };
    await study.optimize(objective, { budget: { trials: 13 } });
    const trials = study.trials;
    // One bracket: 9 runs to 1 step, 3 continued to 3, 1 to 9.
    expect(trials.map((t) => t.fidelity!.steps)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 9]);
    expect(trained).toBe(9 * 1 + 3 * 2 + 1 * 6);
    for (const trial of trials) {
      const from = trial.systemAttrs.resumeFrom as number | undefined;
      if (trial.fidelity!.steps === 1) {
        expect(from).toBeUndefined();
        continue;
      }
      const earlier = trials[from!];
      expect(earlier.config).toEqual(trial.config);
      expect(earlier.state).toBe("complete");
      expect(earlier.fidelity!.steps).toBe(trial.fidelity!.steps === 3 ? 1 : 3);
    }
    await study.close();
  });

  it("passes the checkpoint to a command objective as resume_from", async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, "train.mjs"),
      `import { writeFileSync } from "node:fs";
let input = "";
process.stdin.on("data", (d) => (input += d)).on("end", () => {
  const request = JSON.parse(input);
  writeFileSync("trial-" + request.trial + ".json", input);
  console.log(JSON.stringify({ values: { value: request.config.x + 1 / request.fidelity.steps }, userAttrs: { checkpoint: "ckpt-" + request.trial } }));
});
`,
    );
    const study = await createStudy({ name: "resume-cmd", storage: "memory:", space, direction: "minimize", sampler: successiveHalvingSampler({ fidelity, eta: 3, seed: 4 }) });
    await study.optimize(commandObjective({ command: "node train.mjs", cwd: dir }), { budget: { trials: 10 } });
    const first = JSON.parse(readFileSync(join(dir, "trial-0.json"), "utf8"));
    expect(first.resume_from).toBeUndefined();
    const promoted = JSON.parse(readFileSync(join(dir, "trial-9.json"), "utf8"));
    const from = study.trials[promoted.resume_from.trial];
    expect(from.config).toEqual(promoted.config);
    expect(promoted.resume_from.fidelity).toEqual({ steps: 1 });
    expect(promoted.resume_from.user_attrs).toEqual({ checkpoint: `ckpt-${from.number}` });
    await study.close();
  });
});
