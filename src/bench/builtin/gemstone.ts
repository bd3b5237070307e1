import { categorical, ordinal, Space, type Config } from "../../space/index.js";
import { numberCell, parseCsv, TabularTask } from "../tabular/index.js";
import { TaskDataError, type TaskSource } from "../task/index.js";
import { readShippedFile } from "./data-dir.js";
import { curveRows, type RecordedCurve } from "./learning-curves.js";

const FILE = "gemstone/checkpoints.csv";

const SOURCE: TaskSource = {
  repo: "mcleish7/gemstone-scaling-laws",
  commit: "5f420478f6057b0cbb4d13405fb10ca64675bccb",
  path: "wandb_dfs/ (checkpoints of the hot and lr-ablation runs, in data/gemstone/checkpoints.csv)",
  license: "MIT",
  citation: "McLeish et al., Gemstones: A Model Suite for Multi-Faceted Scaling Laws, arXiv:2502.06857",
};

/** Steps between two checkpoints of a Gemstone run (2B tokens at 2048 sequences of 2048 tokens). */
export const GEMSTONE_CHECKPOINT_STEPS = 477;

/** One Gemstone run read from the shipped table: its shape, learning-rate variant and checkpoints. */
interface GemstoneRun {
  shape: string;
  variant: "full" | "half";
  curve: RecordedCurve["points"];
}

/**
 * `gemstone`: the 22 width x depth shapes of the Gemstone suite's pretraining runs at the full
 * learning rate, fidelity = checkpoint 1..175 (every 477 steps, 2B tokens, to 350B tokens; top:
 * 175). A small finite space (22 configurations) on a long ladder whose levels lie on one run.
 */
export function loadGemstoneTask(): TabularTask {
  const runs = readGemstoneRuns().filter((run) => run.variant === "full");
  return gemstoneTask({
    id: "gemstone",
    description: "Gemstone LLM pretraining runs: choose the model shape (22 width x depth); minimize training loss at checkpoint 175 (350B tokens); levels are checkpoints of one run",
    runs,
    checkpoints: 175,
    space: Space.parse({ shape: categorical(shapes(runs)) }),
    configOf: (run) => ({ shape: run.shape }),
  });
}

/**
 * `gemstone/lr`: the 20 shapes run at both the full and half learning rate (40
 * configurations), fidelity = checkpoint 1..50 (to 100B tokens, where the half-rate runs end;
 * their last checkpoint is at step 23840 rather than 50 x 477).
 */
export function loadGemstoneLrTask(): TabularTask {
  const all = readGemstoneRuns();
  const both = new Set(all.filter((run) => run.variant === "half").map((run) => run.shape));
  const runs = all.filter((run) => both.has(run.shape));
  return gemstoneTask({
    id: "gemstone/lr",
    description: "Gemstone LLM pretraining runs: choose the model shape (20 width x depth) and the learning rate (full or half); minimize training loss at checkpoint 50 (100B tokens); levels are checkpoints of one run",
    runs,
    checkpoints: 50,
    space: Space.parse({ shape: categorical(shapes(runs)), lr: categorical(["full", "half"]) }),
    configOf: (run) => ({ shape: run.shape, lr: run.variant }),
  });
}

interface GemstoneTaskInfo {
  id: string;
  description: string;
  runs: GemstoneRun[];
  checkpoints: number;
  space: Space;
  configOf: (run: GemstoneRun) => Config;
}

function gemstoneTask(info: GemstoneTaskInfo): TabularTask {
  const ladder = Array.from({ length: info.checkpoints }, (_, i) => i + 1);
  const curves = info.runs.map((run) => {
    if (run.curve.length < info.checkpoints) {
      throw new TaskDataError(run.curve.at(-1)?.origin ?? { file: `data/${FILE}` }, `run ${run.variant} ${run.shape} has ${run.curve.length} checkpoints, ${info.id} needs ${info.checkpoints}`);
    }
    return { config: info.configOf(run), points: run.curve };
  });
  const { sha256 } = readShippedFile(FILE);
  return new TabularTask(
    {
      space: info.space,
      fidelitySpace: Space.parse({ checkpoint: ordinal(ladder) }),
      fidelities: ladder.map((checkpoint) => ({ checkpoint })),
      objectives: [{ name: "loss", direction: "minimize" }],
      costNames: ["node_seconds", "tokens"],
      rows: curveRows(curves, ladder),
    },
    { id: info.id, description: info.description, source: SOURCE, sha256: { [FILE]: sha256 }, fidelityCost: "continue" },
  );
}

/** Shape names ("1024x28"), narrowest first, then shallowest. */
function shapes(runs: readonly GemstoneRun[]): string[] {
  const names = [...new Set(runs.map((run) => run.shape))];
  const size = (shape: string) => shape.split("x").map(Number);
  return names.sort((a, b) => size(a)[0] - size(b)[0] || size(a)[1] - size(b)[1]);
}

/**
 * The runs of data/gemstone/checkpoints.csv (checked against data/SHA256SUMS), each with its
 * checkpoints in order: checkpoint k is the k-th row of the run. Cost of a checkpoint:
 * `node_seconds` = step x seconds_per_step x num_nodes, and `tokens`; its wall time step x
 * seconds_per_step.
 */
function readGemstoneRuns(): GemstoneRun[] {
  const { text } = readShippedFile(FILE);
  const csv = parseCsv(text, `data/${FILE}`);
  const column = (name: string) => {
    const index = csv.header.indexOf(name);
    if (index < 0) throw new TaskDataError({ file: csv.file, column: name }, "missing column");
    return index;
  };
  const [variant, width, depth, step, tokens, nodes, secondsPerStep, loss] = ["variant", "width", "depth", "step", "tokens", "num_nodes", "seconds_per_step", "loss"].map(column);
  const runs = new Map<string, GemstoneRun>();
  const lastStep = new Map<string, number>();
  csv.records.forEach((record, r) => {
    const where = (c: number) => ({ file: csv.file, row: r + 1, line: csv.lines[r], column: csv.header[c] });
    const number = (c: number) => {
      const value = numberCell(record[c]);
      if (typeof value !== "number") throw new TaskDataError(where(c), `expected a number, found "${record[c]}"`);
      return value;
    };
    const kind = record[variant];
    if (kind !== "full" && kind !== "half") throw new TaskDataError(where(variant), `expected full or half, found "${kind}"`);
    const shape = `${number(width)}x${number(depth)}`;
    const key = `${kind} ${shape}`;
    let run = runs.get(key);
    if (!run) runs.set(key, (run = { shape, variant: kind, curve: [] }));
    const steps = number(step);
    if (run.curve.length > 0 && !(steps > lastStep.get(key)!)) throw new TaskDataError(where(step), `the run's checkpoints must be in increasing step order`);
    lastStep.set(key, steps);
    const seconds = steps * number(secondsPerStep);
    run.curve.push({
      at: run.curve.length + 1,
      value: number(loss),
      cost: { node_seconds: seconds * number(nodes), tokens: number(tokens) },
      elapsedSeconds: seconds,
      origin: { file: csv.file, row: r + 1 },
    });
  });
  return [...runs.values()];
}
