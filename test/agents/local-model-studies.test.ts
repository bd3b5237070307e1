import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { openStorage } from "../../src/storage/index.js";
import { runCli, useTmpDir } from "../helpers/cli.js";
import { describeWithLocalModel, TEST_MODEL } from "../llm/local/local-runtime.js";

const describeLocal = await describeWithLocalModel();
const tmp = useTmpDir();

/** Reads the finished study's trials and the optimizer's part of the ledger. */
async function readStudy(dir: string, name: string) {
  const storage = await openStorage(`sqlite:${join(dir, "knobs.db")}`);
  try {
    const study = await storage.getStudy(name);
    return { study: study!, trials: await storage.getTrials(study!.id) };
  } finally {
    await storage.close();
  }
}

/**
 * Writes `objective.mjs` and `study.yaml` to a fresh folder and runs `knobs optimize` there; checks
 * that it exits 0 with every trial complete and that the optimizer's calls ran on the embedded
 * model (tokens counted, no dollars).
 */
async function optimizeOnLocalModel(files: { objective: string; study: string }, name: string, trials: number) {
  const dir = tmp();
  writeFileSync(join(dir, "objective.mjs"), files.objective);
  writeFileSync(join(dir, "study.yaml"), files.study);
  const result = await runCli(["optimize", "study.yaml"], { cwd: dir, timeoutMs: 240_000 });
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code, result.stderr).toBe(0);
  const read = await readStudy(dir, name);
  expect(read.trials.filter((trial) => trial.state === "complete")).toHaveLength(trials);
  expect(read.study.optimizerCost.output_tokens).toBeGreaterThan(0);
  expect(read.study.optimizerCost.usd).toBe(0);
  return { result, ...read };
}

// The tiny model writes nonsense: these runs prove that each agent's calls go through the
// embedded runtime and a study completes, never that the agent chooses well.
describeLocal("LLM-guided studies on the embedded model through `knobs optimize` (no server, no network)", () => {
  it("runs a generative study whose updates are asked of a local: model", async () => {
    const { result } = await optimizeOnLocalModel(
      {
        objective: `export async function evaluate(config) {
  const prompt = String(config.system_prompt);
  const score = (prompt.length % 11) / 10;
  return { values: { accuracy: score }, userAttrs: { feedback: ["m1 \\"good day\\": expected positive, got \\"" + prompt.slice(0, 20) + "\\""] } };
}
`,
        study: `study: gen-local
storage: sqlite:knobs.db
objectives: [{name: accuracy, direction: maximize}]
space:
  system_prompt: {type: text, format: prompt, default: Classify the sentiment of the message.}
objective: {module: ./objective.mjs#evaluate}
optimizer:
  name: generative
  seed: 0
  llm: {model: "local:${TEST_MODEL}", threads: 1, contextSize: 1024, temperature: 0.7}
  minibatch: 1
  task: The artifact is the system prompt of a sentiment classifier.
budget: {trials: 4}
concurrency: 1
`,
      },
      "gen-local",
      4,
    );
    expect(result.stdout + result.stderr).toMatch(/4 complete|complete: 4|trial budget reached/);
  }, 300_000);

  it("runs an allocation study whose proposals are asked of a local: model", async () => {
    await optimizeOnLocalModel(
      {
        objective: `export async function evaluate(config) {
  const q = (m, n) => (m === "large-30b" ? 0.95 : 0.7) * (1 - 0.5 ** n);
  return { values: { quality: q(config["retrieve.model"], config["retrieve.samples"]) * q(config["answer.model"], config["answer.samples"]) } };
}
`,
        study: `study: alloc-local
storage: sqlite:knobs.db
objectives: [{name: quality, direction: maximize}]
space:
  retrieve.model: {type: categorical, choices: [small-3b, large-30b]}
  retrieve.samples: {type: int, low: 1, high: 20}
  answer.model: {type: categorical, choices: [small-3b, large-30b]}
  answer.samples: {type: int, low: 1, high: 20}
objective: {module: ./objective.mjs#evaluate}
optimizer:
  name: allocation
  seed: 0
  llm: {model: "local:${TEST_MODEL}", threads: 1, contextSize: 2048}
  budget: 60
  modelSizes: {small-3b: 3, large-30b: 30}
  batchSize: 2
budget: {trials: 6}
concurrency: 1
`,
      },
      "alloc-local",
      6,
    );
  }, 300_000);

  it("runs a research study whose llm policy decides on a local: model", async () => {
    await optimizeOnLocalModel(
      {
        objective: `export async function evaluate(config, trial) {
  const size = { s: 1, m: 3, l: 9 }[trial.fidelity.model];
  return { values: { loss: (config.x - 0.3) ** 2 + 1 / size }, cost: { gpu_hours: size } };
}
`,
        study: `study: research-local
storage: sqlite:knobs.db
objectives: [{name: loss, direction: minimize}]
space:
  x: {type: float, low: 0, high: 1}
fidelity:
  model: {type: ordinal, values: [s, m, l]}
objective: {module: ./objective.mjs#evaluate}
optimizer:
  name: research
  seed: 0
  llm: {model: "local:${TEST_MODEL}", threads: 1, contextSize: 2048}
budget: {trials: 6}
concurrency: 1
`,
      },
      "research-local",
      6,
    );
  }, 300_000);

  it("runs a hybrid study whose LLM turns are asked of a local: model, its replies made into legal configurations", async () => {
    const { trials } = await optimizeOnLocalModel(
      {
        objective: `export async function evaluate(config) {\n  return { values: { loss: (config.x - 1) ** 2 + config.n / 10 } };\n}\n`,
        study: `study: hybrid-local
storage: sqlite:knobs.db
objectives: [{name: loss, direction: minimize}]
space:
  x: {type: float, low: -5, high: 5}
  n: {type: int, low: 1, high: 10}
objective: {module: ./objective.mjs#evaluate}
optimizer:
  name: hybrid
  seed: 0
  classical: tpe
  share: 0.5
  startupTrials: 2
  llm: {model: "local:${TEST_MODEL}", threads: 1, contextSize: 2048}
budget: {trials: 8}
concurrency: 1
`,
      },
      "hybrid-local",
      8,
    );
    const proposers = trials.map((trial) => (trial.userAttrs.hybrid as { proposer: string; fallback?: string }).proposer);
    expect(proposers.filter((proposer) => proposer === "llm").length).toBeGreaterThan(0);
  }, 300_000);
});
