import { categorical, Space, type Config } from "../../space/index.js";
import { numberCell, parseCsv } from "../tabular/index.js";
import { TaskDataError, type Evaluation, type Objective, type Task, type TaskSource } from "../task/index.js";
import { readShippedFile } from "./data-dir.js";
import { MMLU_GROUPS } from "./mmlu-groups.js";

/**
 * Price per million tokens (input and output alike) assumed for each model. ASSUMPTION, not
 * data: the blended prices the RouteLLM authors used for their cost analysis (Ong et al., 2024,
 * arXiv:2406.18665; LMSYS blog 2024-07-01): GPT-4 $24.7 / M tokens, Mixtral-8x7B $0.24 / M tokens.
 */
export const MMLU_PRICES_PER_MILLION_TOKENS = {
  "mixtral-8x7b-instruct": 0.24,
  "gpt-4-1106-preview": 24.7,
} as const;

/** The date the price table above refers to. */
export const MMLU_PRICES_DATE = "2024-07-01";

type Model = keyof typeof MMLU_PRICES_PER_MILLION_TOKENS;
const MODELS = Object.keys(MMLU_PRICES_PER_MILLION_TOKENS) as Model[];

interface GroupTotals {
  questions: number;
  promptTokens: number;
  correct: Record<Model, number>;
}

/**
 * MMLU model allocation from RouteLLM's per-question results: for each of 8 subject groups,
 * choose which model (Mixtral-8x7B-Instruct or GPT-4-1106-preview) answers its questions.
 * `evaluate` is exact, from the per-subject summary in data/routellm-mmlu/mmlu-subjects.csv:
 * accuracy = correct answers / 14,042 questions; usd = tokens x the assumed price of the chosen
 * model (input tokens estimated as ceil(chars / 4) per prompt, one output token per answer).
 * Objectives: accuracy (maximize, primary) and usd (minimize). 2^8 = 256 configurations.
 */
export class MmluAllocationTask implements Task {
  readonly id = "routellm/mmlu-allocation";
  readonly description =
    "RouteLLM MMLU: choose Mixtral-8x7B or GPT-4 for each of 8 subject groups; maximize accuracy, minimize usd (assumed 2024 prices)";
  readonly space: Space;
  readonly fidelitySpace = null;
  readonly objectives: readonly Objective[] = [
    { name: "accuracy", direction: "maximize" },
    { name: "usd", direction: "minimize" },
  ];
  readonly costNames = ["usd", "input_tokens", "output_tokens"];
  readonly optimum: number;
  readonly worst: number;
  readonly rows: number;
  readonly source: TaskSource = {
    repo: "lm-sys/RouteLLM",
    commit: "0b64fdafe049e596a3f5657c219329f24af24198",
    path: "routellm/evals/mmlu/responses/ (summarized per subject in data/routellm-mmlu)",
    license: "Apache-2.0",
    citation: "Ong et al., RouteLLM: Learning to Route LLMs with Preference Data, arXiv:2406.18665; MMLU: Hendrycks et al., arXiv:2009.03300",
  };
  readonly license = "Apache-2.0";
  readonly sha256: Record<string, string>;
  readonly synthetic = false;
  private readonly groups: Map<string, GroupTotals>;

  constructor() {
    const path = "routellm-mmlu/mmlu-subjects.csv";
    const { text, sha256 } = readShippedFile(path);
    this.sha256 = { [path]: sha256 };
    this.groups = readGroups(text, `data/${path}`);
    const definition: Record<string, ReturnType<typeof categorical>> = {};
    for (const group of Object.keys(MMLU_GROUPS)) definition[group] = categorical([...MODELS]);
    this.space = Space.parse(definition);
    const totals = [...this.groups.values()];
    this.rows = totals.reduce((sum, g) => sum + g.questions, 0);
    this.optimum = totals.reduce((sum, g) => sum + Math.max(...MODELS.map((m) => g.correct[m])), 0) / this.rows;
    this.worst = totals.reduce((sum, g) => sum + Math.min(...MODELS.map((m) => g.correct[m])), 0) / this.rows;
  }

  evaluate(config: Config, _fidelity: Config | null, _seed: number): Evaluation {
    this.space.validate(config);
    let correct = 0;
    let usd = 0;
    let inputTokens = 0;
    let outputTokens = 0;
    for (const [group, totals] of this.groups) {
      const model = config[group] as Model;
      correct += totals.correct[model];
      inputTokens += totals.promptTokens;
      outputTokens += totals.questions;
      usd += ((totals.promptTokens + totals.questions) * MMLU_PRICES_PER_MILLION_TOKENS[model]) / 1e6;
    }
    return { values: [correct / this.rows, usd], cost: { usd, input_tokens: inputTokens, output_tokens: outputTokens } };
  }
}

/** Sums the per-subject summary by group; every subject of MMLU_GROUPS must be present once. */
function readGroups(text: string, file: string): Map<string, GroupTotals> {
  const csv = parseCsv(text, file);
  const column = (name: string) => {
    const at = csv.header.indexOf(name);
    if (at < 0) throw new TaskDataError({ file, column: name }, "missing column");
    return at;
  };
  const [subjectAt, questionsAt, tokensAt, mixtralAt, gpt4At] = ["subject", "questions", "prompt_tokens_est", "mixtral_correct", "gpt4_correct"].map(column);
  const bySubject = new Map<string, number[]>();
  csv.records.forEach((record, r) => {
    const numbers = [questionsAt, tokensAt, mixtralAt, gpt4At].map((at) => {
      const value = numberCell(record[at]);
      if (value === null || value === undefined) {
        throw new TaskDataError({ file, row: r + 1, line: csv.lines[r], column: csv.header[at] }, `non-numeric value "${record[at]}" in a numeric column`);
      }
      return value;
    });
    bySubject.set(record[subjectAt], numbers);
  });
  const groups = new Map<string, GroupTotals>();
  for (const [group, subjects] of Object.entries(MMLU_GROUPS)) {
    const totals: GroupTotals = { questions: 0, promptTokens: 0, correct: { "mixtral-8x7b-instruct": 0, "gpt-4-1106-preview": 0 } };
    for (const subject of subjects) {
      const numbers = bySubject.get(subject);
      if (!numbers) throw new TaskDataError({ file, column: "subject" }, `missing row for MMLU subject "${subject}"`);
      const [questions, tokens, mixtral, gpt4] = numbers;
      totals.questions += questions;
      totals.promptTokens += tokens;
      totals.correct["mixtral-8x7b-instruct"] += mixtral;
      totals.correct["gpt-4-1106-preview"] += gpt4;
    }
    groups.set(group, totals);
  }
  return groups;
}
