import { float, int, ordinal, Space, type Config } from "../../space/index.js";
import { numberCell, parseCsv, TabularTask, type CsvTable } from "../tabular/index.js";
import { TaskDataError, type TaskSource } from "../task/index.js";
import { readShippedFile } from "./data-dir.js";
import { curveRows, type CurvePoint, type RecordedCurve } from "./learning-curves.js";

/** The two models tuned, by task id. */
export const OPDA_MODELS = [
  { id: "opda/deberta", model: "deberta-base", label: "DeBERTa-base" },
  { id: "opda/deberta-v3", model: "deberta-v3-base", label: "DeBERTaV3-base" },
] as const;

/** Steps between two levels of the ladder (the data records accuracy every 1000 steps). */
export const OPDA_LEVEL_STEPS = 1000;
/** Levels 1000, 2000, ..., 99000: past the longest run (98,175 steps), so the top level is every run's end. */
export const OPDA_LEVELS = 99;

const SOURCE: Omit<TaskSource, "path"> = {
  repo: "nicholaslourie/opda",
  commit: "9529a34b7715e0b32920f630c1f7f7ff6f891060",
  license: "CC-BY-SA-4.0",
  citation: "Lourie, Cho, He, Show Your Work with Confidence: Confidence Bands for Tuning Curves, arXiv:2311.09480",
};

/**
 * A DeBERTa fine-tuning task from OPDA's random search on MultiNLI (1,024 configurations, each
 * with its learning curve): the space of the search (epochs 1-4, batch size 16-64, learning
 * rate 1e-6..1e-3 log, warmup as a proportion of the first epoch 0-0.6, classifier dropout
 * 0-0.3), fidelity = training steps 1000..99000 (levels are checkpoints of one run: a step
 * past a run's end answers with its final checkpoint), objective = matched validation
 * accuracy at that step (maximize), costs `examples` (steps x batch size) and `steps`. A
 * configuration is answered by its nearest recorded one.
 */
export function loadOpdaTask(id: (typeof OPDA_MODELS)[number]["id"]): TabularTask {
  const { model, label } = OPDA_MODELS.find((entry) => entry.id === id)!;
  const configsFile = `opda-deberta/${model}-configs.csv`;
  const curvesFile = `opda-deberta/${model}-curves.csv`;
  const configs = readShipped(configsFile);
  const curves = readShipped(curvesFile);
  const ladder = Array.from({ length: OPDA_LEVELS }, (_, i) => (i + 1) * OPDA_LEVEL_STEPS);
  return new TabularTask(
    {
      space: Space.parse({
        num_train_epochs: int(1, 4),
        train_batch_size: int(16, 64),
        learning_rate: float(1e-6, 1e-3, { log: true }),
        warmup_proportion: float(0, 0.6),
        cls_drop_out: float(0, 0.3),
      }),
      fidelitySpace: Space.parse({ step: ordinal(ladder) }),
      fidelities: ladder.map((step) => ({ step })),
      objectives: [{ name: "matched_accuracy", direction: "maximize" }],
      costNames: ["examples", "steps"],
      rows: curveRows(readCurves(configs.csv, curves.csv), ladder),
    },
    {
      id,
      description: `${label} fine-tuned on MultiNLI (OPDA random search, 1,024 runs): epochs, batch size, learning rate, warmup, dropout; maximize matched validation accuracy at the end of training; levels are training steps of one run`,
      source: { ...SOURCE, path: `data/deberta/${model}_tuning.results.jsonl (matched curves, in data/opda-deberta/)` },
      sha256: { [configsFile]: configs.sha256, [curvesFile]: curves.sha256 },
      fidelityCost: "continue",
    },
  );
}

function readShipped(path: string): { csv: CsvTable; sha256: string } {
  const { text, sha256 } = readShippedFile(path);
  return { csv: parseCsv(text, `data/${path}`), sha256 };
}

/**
 * One curve per configuration row, joined on `iteration`. `warmup_proportion` is
 * warmup_steps / (total_model_steps / num_train_epochs): the search drew the warmup as a
 * proportion of the first epoch and the data records it in steps. A point's cost counts the
 * steps from the start of the run and the examples they read (steps x batch size).
 */
function readCurves(configs: CsvTable, curves: CsvTable): RecordedCurve[] {
  const reader = (csv: CsvTable) => {
    return (record: string[], r: number, name: string): number => {
      const c = csv.header.indexOf(name);
      if (c < 0) throw new TaskDataError({ file: csv.file, column: name }, "missing column");
      const value = numberCell(record[c]);
      if (typeof value !== "number") throw new TaskDataError({ file: csv.file, row: r + 1, line: csv.lines[r], column: name }, `expected a number, found "${record[c]}"`);
      return value;
    };
  };
  const config = reader(configs);
  const point = reader(curves);
  const byIteration = new Map<number, { config: Config; batch: number; points: CurvePoint[] }>();
  configs.records.forEach((record, r) => {
    const epochs = config(record, r, "num_train_epochs");
    const steps = config(record, r, "total_model_steps");
    const batch = config(record, r, "train_batch_size");
    byIteration.set(config(record, r, "iteration"), {
      config: {
        num_train_epochs: epochs,
        train_batch_size: batch,
        learning_rate: config(record, r, "learning_rate"),
        warmup_proportion: config(record, r, "warmup_steps") / (steps / epochs),
        cls_drop_out: config(record, r, "cls_drop_out"),
      },
      batch,
      points: [],
    });
  });
  curves.records.forEach((record, r) => {
    const iteration = point(record, r, "iteration");
    const run = byIteration.get(iteration);
    const origin = { file: curves.file, row: r + 1 };
    if (!run) throw new TaskDataError({ ...origin, line: curves.lines[r], column: "iteration" }, `no configuration with iteration ${iteration} in ${configs.file}`);
    const step = point(record, r, "step");
    if (run.points.length > 0 && !(step > run.points[run.points.length - 1].at)) {
      throw new TaskDataError({ ...origin, line: curves.lines[r], column: "step" }, "a curve's steps must increase");
    }
    run.points.push({ at: step, value: point(record, r, "matched_accuracy"), cost: { examples: step * run.batch, steps: step }, origin });
  });
  return [...byIteration.values()].map(({ config, points }) => ({ config, points }));
}
