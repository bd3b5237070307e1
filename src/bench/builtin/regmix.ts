import { float, ordinal, simplex, Space, type Config } from "../../space/index.js";
import { groupSimplexColumns, numberCell, parseCsv, TabularTask, type CsvTable, type RecordedRow, type RecordedTable } from "../tabular/index.js";
import { TaskDataError } from "../task/index.js";
import { readShippedFile } from "./data-dir.js";

/** The 17 Pile domains whose weights make a RegMix data mixture, in the CSVs' column order. */
export const REGMIX_DOMAINS = [
  "arxiv",
  "freelaw",
  "nih_exporter",
  "pubmed_central",
  "wikipedia_en",
  "dm_mathematics",
  "github",
  "philpapers",
  "stackexchange",
  "enron_emails",
  "gutenberg_pg_19",
  "pile_cc",
  "ubuntu_irc",
  "europarl",
  "hackernews",
  "pubmed_abstracts",
  "uspto_backgrounds",
] as const;

/** One model size of a RegMix task: its label, parameter count and the (split, mixtures file, losses file) triples recorded at it. */
export interface RegmixRun {
  model: string;
  params: number;
  pairs: [split: string, mixtureFile: string, lossFile: string][];
}

/**
 * How a RegMix task's space holds the 17 domain weights: `simplex` (the default) as one simplex
 * parameter `mix` (a config is `{mix: {arxiv: .., ...}}`, looked up by Aitchison distance), or
 * `independent`, the space before the simplex type: one float per domain, renormalized to sum 1
 * before the nearest-mixture search (kept as the baseline of bench/simplex/regmix.ts).
 */
export type RegmixWeights = "simplex" | "independent";

/** The name of the simplex parameter of the RegMix tasks. */
export const REGMIX_MIXTURE = "mix";

/** Model sizes, lowest fidelity first, with the files that hold each (mixtures, losses). */
const RUNS: RegmixRun[] = [
  {
    model: "1M",
    params: 1e6,
    pairs: [
      ["train", "train_mixture_1m.csv", "train_pile_loss_1m.csv"],
      ["test", "test_mixture_1m.csv", "test_pile_loss_1m.csv"],
    ],
  },
  { model: "60M", params: 6e7, pairs: [["test", "test_mixture_60m.csv", "test_pile_loss_60m.csv"]] },
  { model: "1B", params: 1e9, pairs: [["1B", "test_mixture_1B.csv", "test_pile_loss_1B.csv"]] },
];

/** Where the RegMix data comes from (the same for every RegMix task). */
const REGMIX_SOURCE = {
  repo: "sail-sg/regmix",
  commit: "b004d3a3f39846dcec6b3740da22bcd1ba95a5d0",
  path: "data/",
  license: "MIT",
  citation: "Liu et al., RegMix: Data Mixture as Regression for Language Model Pre-training, arXiv:2407.01492",
};

/**
 * RegMix as a three-fidelity tabular task: config = a mixture of the 17 Pile domains (the simplex
 * parameter `mix`; `weights: "independent"` gives one float per domain instead), fidelity = proxy
 * model size (1M, 60M, 1B). Objectives: Pile-CC validation loss (primary, the target RegMix
 * optimizes) and the mean of the 13 per-domain validation losses, both minimized. Cost:
 * `model_params`. Mixtures and losses are joined on `index` within each file pair.
 * Caveats (docs/tasks.md): 1M and 60M share the same 256 test mixtures (1M adds 512 training
 * mixtures), but the 64 mixtures of 1B are different ones, so a 1M/60M config looked up at 1B
 * gets its nearest 1B mixture, not itself. Recorded weights (3 decimals) are scaled to sum 1; a
 * proposal that matches no mixture gets the nearest by Aitchison distance (features.ts). With
 * independent weights, weights that do not sum to 1 are renormalized before the nearest-neighbour
 * search (an exact match is tried first). `regmix/60m` (regmix-60m.ts) keeps only the mixtures
 * recorded at both 1M and 60M.
 */
export function loadRegmixTask(options: { weights?: RegmixWeights } = {}): TabularTask {
  const description = "RegMix data mixtures: 17 Pile domain weights -> validation loss of 1M/60M/1B proxy models; minimize Pile-CC validation loss";
  if ((options.weights ?? "simplex") === "simplex") return regmixTask({ id: "regmix", description, space: mixtureSpace(), simplex: true }, readRegmixRuns(RUNS), RUNS);
  const definition: Record<string, ReturnType<typeof float>> = {};
  for (const domain of REGMIX_DOMAINS) definition[domain] = float(0, 1);
  return regmixTask({ id: "regmix", description, space: Space.parse(definition), beforeNearest: normalizeWeights }, readRegmixRuns(RUNS), RUNS);
}

/** The space of a RegMix task with simplex weights: one simplex `mix` over REGMIX_DOMAINS. */
export function mixtureSpace(): Space {
  return Space.parse({ [REGMIX_MIXTURE]: simplex([...REGMIX_DOMAINS]) });
}

/** RegMix rows read from the shipped files, with each row's mixture `index` and the checksums of the files read. */
export interface RegmixRows {
  rows: RecordedRow[];
  /** The `index` of each row's mixture in its file pair, parallel to `rows`. */
  mixtureIndex: number[];
  sha256: Record<string, string>;
}

/**
 * Reads the runs' file pairs (under data/regmix/data/, checked against data/SHA256SUMS): one row
 * per loss record, at the level of its run (position in `runs`), joined to its mixture on `index`.
 */
export function readRegmixRuns(runs: readonly RegmixRun[]): RegmixRows {
  const sha256: Record<string, string> = {};
  const read = (name: string): CsvTable => {
    const path = `regmix/data/${name}`;
    const { text, sha256: hash } = readShippedFile(path);
    sha256[path] = hash;
    return parseCsv(text, `data/${path}`);
  };
  const rows: RecordedRow[] = [];
  const mixtureIndex: number[] = [];
  runs.forEach(({ params, pairs }, level) => {
    for (const [split, mixtureFile, lossFile] of pairs) {
      const mixtureCsv = read(mixtureFile);
      REGMIX_DOMAINS.forEach((domain, d) => {
        if (mixtureCsv.header[d + 1] !== `train_the_pile_${domain}`) {
          throw new TaskDataError({ file: mixtureCsv.file, column: `train_the_pile_${domain}` }, `missing column: expected it at position ${d + 2}`);
        }
      });
      const mixtures = byIndex(mixtureCsv);
      const losses = read(lossFile);
      const lossIndex = byIndex(losses);
      const pileCc = losses.header.indexOf("metric/the_pile_pile_cc_val_loss");
      if (pileCc < 0) throw new TaskDataError({ file: losses.file, column: "metric/the_pile_pile_cc_val_loss" }, "missing column");
      for (const [index, { values, row }] of lossIndex) {
        const mixture = mixtures.get(index);
        if (!mixture) throw new TaskDataError({ file: losses.file, row, column: "index" }, `no mixture with index ${index} in ${mixtureFile}`);
        const config: Config = {};
        REGMIX_DOMAINS.forEach((domain, d) => (config[domain] = mixture.values[d]));
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        rows.push({ config, level, values: [values[pileCc - 1], mean], cost: { model_params: params }, origin: { file: `${losses.file} (${split})`, row } });
        mixtureIndex.push(index);
      }
    }
  });
  return { rows, mixtureIndex, sha256 };
}

/** What sets RegMix tasks apart: identity, the space of the domain weights, and how a proposal is mapped before the nearest-mixture search. */
export interface RegmixTaskInfo {
  id: string;
  description: string;
  /** One parameter per domain of REGMIX_DOMAINS, or with `simplex` the space of mixtureSpace(); every recorded row's config must belong to it. */
  space: Space;
  beforeNearest?: (config: Config) => Config;
  /** Read the rows' domain columns as the simplex `mix` (groupSimplexColumns). */
  simplex?: boolean;
}

/** A RegMix tabular task over `recorded` (from readRegmixRuns) with one fidelity level per run; optimum and worst from the top level's data. */
export function regmixTask(info: RegmixTaskInfo, { rows, sha256 }: RegmixRows, runs: readonly RegmixRun[]): TabularTask {
  const weightsSpace = info.simplex ? Space.parse(Object.fromEntries(REGMIX_DOMAINS.map((domain) => [domain, float(0, 1)]))) : info.space;
  let table: RecordedTable = {
    space: weightsSpace,
    fidelitySpace: Space.parse({ model: ordinal(runs.map((r) => r.model)) }),
    fidelities: runs.map((r) => ({ model: r.model })),
    objectives: [
      { name: "pile_cc_val_loss", direction: "minimize" },
      { name: "mean_val_loss", direction: "minimize" },
    ],
    costNames: ["model_params"],
    rows,
  };
  if (info.simplex) table = groupSimplexColumns(table, { [REGMIX_MIXTURE]: REGMIX_DOMAINS }, "data/regmix/data");
  return new TabularTask(table, { id: info.id, description: info.description, source: REGMIX_SOURCE, sha256, beforeNearest: info.beforeNearest });
}

/** Scales domain weights to sum to 1 (uniform weights when all are 0). */
export function normalizeWeights(config: Config): Config {
  const total = REGMIX_DOMAINS.reduce((sum, domain) => sum + (config[domain] as number), 0);
  const out: Config = {};
  for (const domain of REGMIX_DOMAINS) out[domain] = total > 0 ? (config[domain] as number) / total : 1 / REGMIX_DOMAINS.length;
  return out;
}

/** Rows of a RegMix CSV by their `index` column, each with its numeric cells after the index. */
function byIndex(csv: CsvTable): Map<number, { values: number[]; row: number }> {
  if (csv.header[0] !== "index") throw new TaskDataError({ file: csv.file, column: "index" }, "missing column: expected the first column to be index");
  const out = new Map<number, { values: number[]; row: number }>();
  csv.records.forEach((record, r) => {
    const cells = record.map((cell, c) => {
      const value = numberCell(cell);
      if (value === undefined || value === null) {
        throw new TaskDataError({ file: csv.file, row: r + 1, line: csv.lines[r], column: csv.header[c] }, `non-numeric value "${cell}" in a numeric column`);
      }
      return value;
    });
    out.set(cells[0], { values: cells.slice(1), row: r + 1 });
  });
  return out;
}
