import { cpSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, useTmpDir, writeFiles } from "../helpers/cli.js";

const EXAMPLE = resolve(import.meta.dirname, "../../examples/rag-corpus");
const TABULAR = resolve(import.meta.dirname, "../fixtures/tasks/good");

describe("knobs optimize with objective.task", () => {
  const tmp = useTmpDir();

  it("tunes the RAG pipeline on a corpus folder from the example config: space and objectives come from the task", async () => {
    const dir = tmp();
    cpSync(EXAMPLE, dir, { recursive: true });
    const run = await runCli(["optimize", "study.yaml", "--json"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.trials).toMatchObject({ total: 30, complete: 30, failed: 0 });
    expect(summary.objectives.map((o: { name: string }) => o.name)).toEqual(["iou", "recall", "precision"]);
    // The pipeline's settings are the space, and the evaluation's cost reaches the ledger.
    expect(Object.keys(summary.best[0].config)).toEqual(expect.arrayContaining(["chunker", "chunk_size", "top_k"]));
    expect(summary.spend.trials.chunks).toBeGreaterThan(0);
    // A perfect-recall configuration exists on this corpus and 30 TPE trials find one.
    expect(Math.max(...summary.best.map((b: { values: number[] }) => b.values[1]))).toBe(1);
  });

  it("runs a tabular task folder with a fidelity, resolving the folder against the config's folder", async () => {
    const dir = tmp();
    cpSync(TABULAR, join(dir, "table"), { recursive: true });
    writeFiles(dir, { "study.yaml": "study: t\nobjective: {task: ./table}\noptimizer: {name: sh, seed: 1}\nbudget: {trials: 12}\n" });
    const run = await runCli(["optimize", join(dir, "study.yaml"), "--json", "--storage", `sqlite:${join(dir, "k.db")}`], { cwd: "/" });
    const summary = JSON.parse(run.stdout);
    // A row recorded as failed fails its trial with the reason; the study goes on.
    expect(summary.trials.complete + summary.trials.failed).toBe(12);
    expect(summary.trials.complete).toBeGreaterThan(0);
    for (const line of run.stderr.trim().split("\n").filter(Boolean)) expect(line).toMatch(/^Trial \d+ failed with config .*: task fixture\/rag: the evaluation failed/);
    const trials = JSON.parse((await runCli(["trials", "t", "--json", "--storage", `sqlite:${join(dir, "k.db")}`], { cwd: dir })).stdout);
    const epochs = new Set(trials.map((t: { fidelity: { epochs: number } }) => t.fidelity.epochs));
    expect([...epochs].sort()).toEqual([1, 3]);
  });

  it("stops before the first trial when the task's data is missing: the example config with the data pointed at an empty folder", async () => {
    const dir = tmp();
    const empty = tmp();
    const config = resolve(import.meta.dirname, "../../examples/rag-chunking/study.yaml");
    const run = await runCli(["optimize", config, "--storage", `sqlite:${join(dir, "k.db")}`], { cwd: dir, env: { KNOBS_CHROMA_CHUNKING: empty } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `knobs: ${config}: objective.task: ${empty}: chroma-chunking data not found (looked in ${empty}, from $KNOBS_CHROMA_CHUNKING): set KNOBS_CHROMA_CHUNKING to the folder holding questions_df.csv and corpora/ (brandonstarxel/chunking_evaluation, chunking_evaluation/evaluation_framework/general_evaluation_data/)\n`,
    );
    // No study (and no storage) was made: a rerun with the data starts afresh.
    expect(existsSync(join(dir, "k.db"))).toBe(false);
    // Data that is there in part stops it too (a corpus file is missing).
    writeFiles(empty, { "questions_df.csv": "question,references,corpus_id\n" });
    const partial = await runCli(["optimize", config, "--storage", `sqlite:${join(dir, "k.db")}`], { cwd: dir, env: { KNOBS_CHROMA_CHUNKING: empty } });
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain(`${join(empty, "corpora/chatlogs.md")}: missing: the chroma-chunking folder holds corpora/<id>.md`);
    expect(partial.stdout).toBe("");
  });

  it.each([
    ["an unknown task", "study: s\nobjective: {task: no/such-task}\n", /^knobs: study\.yaml: objective\.task: unknown task "no\/such-task": expected a built-in task id \(llmsys\/naiverag, /],
    ["a direction beside a task", "study: s\ndirection: minimize\nobjective: {task: synthetic/branin}\n", /^knobs: study\.yaml: direction: objective\.task gives the objectives \(value\): leave out direction/],
    ["objectives that differ from the task's", "study: s\nobjectives: [{name: loss, direction: minimize}]\nobjective: {task: synthetic/branin}\n", /^knobs: study\.yaml: objectives: expected the task's objectives \["value"\] in that order/],
    ["no space and no task", "study: s\nobjective: {command: 'true'}\n", /^knobs: study\.yaml: space: expected a search space \(required unless objective\.task gives one\)/],
  ])("refuses %s with the file and field", async (_, yaml, message) => {
    const dir = tmp();
    writeFiles(dir, { "study.yaml": yaml });
    const run = await runCli(["optimize", "study.yaml", "--storage", "memory:"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
