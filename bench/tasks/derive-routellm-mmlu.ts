/**
 * Derives data/routellm-mmlu/mmlu-subjects.csv from RouteLLM's per-question MMLU results
 * (lm-sys/RouteLLM, routellm/evals/mmlu/responses/mmlu_<subject>.csv: prompt, then one
 * True/False column per model). One row per subject: its group, the number of questions,
 * the prompt characters, an estimate of prompt tokens (sum over questions of ceil(chars / 4)),
 * and how many questions each model answered correctly. The 9 MB of prompts are not shipped.
 *
 * Usage: npx tsx bench/tasks/derive-routellm-mmlu.ts <routellm-data-folder> > data/routellm-mmlu/mmlu-subjects.csv
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MMLU_GROUPS } from "../../src/bench/builtin/mmlu-groups.js";
import { parseCsv } from "../../src/bench/tabular/csv.js";

const MIXTRAL = "mistralai/Mixtral-8x7B-Instruct-v0.1";
const GPT4 = "gpt-4-1106-preview";

const folder = process.argv[2];
if (!folder) {
  process.stderr.write("usage: derive-routellm-mmlu.ts <routellm-data-folder>\n");
  process.exit(2);
}
const lines = ["subject,group,questions,prompt_chars,prompt_tokens_est,mixtral_correct,gpt4_correct"];
for (const [group, subjects] of Object.entries(MMLU_GROUPS)) {
  for (const subject of subjects) {
    const file = join(folder, "mmlu", "responses", `mmlu_${subject}.csv`);
    const csv = parseCsv(readFileSync(file, "utf8"), file);
    const at = (name: string) => {
      const index = csv.header.indexOf(name);
      if (index < 0) throw new Error(`${file}: no column ${name}`);
      return index;
    };
    const [prompt, mixtral, gpt4] = [at("prompt"), at(MIXTRAL), at(GPT4)];
    let chars = 0;
    let tokens = 0;
    let mixtralCorrect = 0;
    let gpt4Correct = 0;
    for (const record of csv.records) {
      chars += record[prompt].length;
      tokens += Math.ceil(record[prompt].length / 4);
      if (record[mixtral] === "True") mixtralCorrect++;
      if (record[gpt4] === "True") gpt4Correct++;
    }
    lines.push([subject, group, csv.records.length, chars, tokens, mixtralCorrect, gpt4Correct].join(","));
  }
}
process.stdout.write(lines.join("\n") + "\n");
