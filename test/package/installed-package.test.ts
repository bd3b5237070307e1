/**
 * The package as users get it: `npm pack`, the tarball unpacked into a temporary project's
 * node_modules (its dependencies linked to this repository's, so no network is needed), then
 * the README's library examples and the names the docs import run against it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
let project = "";
let packed: string[] = [];

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "knobs-package-"));
  // --ignore-scripts: dist/ is built already (npm test builds first), so prepare need not run.
  const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", project], { cwd: ROOT, encoding: "utf8" });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  packed = info.files.map((file) => file.path);
  const modules = join(project, "node_modules");
  mkdirSync(modules);
  execFileSync("tar", ["-xzf", join(project, info.filename), "-C", modules]);
  execFileSync("mv", [join(modules, "package"), join(modules, "knobs")]);
  symlinkSync(join(ROOT, "node_modules"), join(modules, "knobs", "node_modules"), "dir");
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
}, 120_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Runs a TypeScript file in the project, as a user's script importing "knobs". */
function run(name: string, source: string): { code: number | null; stdout: string; stderr: string } {
  writeFileSync(join(project, name), source);
  const result = spawnSync(TSX, [name], { cwd: project, encoding: "utf8", timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The ```ts blocks of a Markdown file. */
function tsBlocks(file: string): string[] {
  return [...readFileSync(join(ROOT, file), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
}

describe("the installed package", () => {
  it("runs the README's library examples", () => {
    const blocks = tsBlocks("README.md");
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    // What the examples leave to the reader: a pipeline to tune, a training run to score.
    const stubs = [
      "async function runMyPipeline(config: Record<string, unknown>, _options: { signal: AbortSignal }) { return (config.chunk_size as number) / 2048; }",
      "function trainAndScore(config: Record<string, unknown>, epochs: number) { return (Math.log10(config.lr as number) + 2) ** 2 + 1 / epochs; }",
    ].join("\n");
    blocks.forEach((block, i) => {
      const result = run(`readme-${i}.ts`, `${block}\n${stubs}\nconsole.log("done");\n`);
      expect(result.stderr).toBe("");
      expect(result.stdout.trim().split("\n").at(-1)).toBe("done");
    });
    // And they type-check against the shipped declarations.
    const tsc = spawnSync(
      process.execPath,
      [join(ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "--strict", "--skipLibCheck", "--module", "nodenext", "--target", "es2022", "--types", "node", "--typeRoots", join(ROOT, "node_modules/@types"), ...blocks.map((_, i) => `readme-${i}.ts`)],
      { cwd: project, encoding: "utf8" },
    );
    expect(tsc.stdout).toBe("");
    expect(tsc.status).toBe(0);
  });

  it("exports every name the docs import from knobs and its subpaths, and no internals", () => {
    const docs = ["README.md", ...readdirSync(join(ROOT, "docs"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
    const imported = new Map<string, Set<string>>();
    for (const file of docs) {
      for (const match of readFileSync(join(ROOT, file), "utf8").matchAll(/import \{([^}]*)\} from "(knobs(?:\/[a-z]+)?)"/g)) {
        const names = match[1].split(",").map((n) => n.trim()).filter((n) => n && !n.startsWith("type "));
        for (const name of names) imported.set(match[2], (imported.get(match[2]) ?? new Set()).add(name));
      }
    }
    expect([...imported.keys()].sort()).toEqual(["knobs", "knobs/testing"]);
    const internals = ["hit", "dcg", "snapToStep", "ANSWER_NOW", "budgetAllowsStart", "formatIssue", "parseResultJson", "checkStudyInput"];
    const source = [
      ...[...imported].map(([from, names], i) => `const m${i}: any = await import("${from}"); for (const n of ${JSON.stringify([...names])}) if (!(n in m${i})) console.log("missing", "${from}", n);`),
      `const main = await import("knobs");`,
      `for (const n of ${JSON.stringify(internals)}) if (n in main) console.log("internal", n);`,
      `for (const n of ["medianPruner", "successiveHalvingPruner", "wilcoxonPruner", "ashaSampler", "hyperbandSampler", "bohbSampler", "mfSampler", "successiveHalvingSampler", "fidelityLevels", "createPruner", "createOptimizer"]) if (typeof (main as any)[n] !== "function") console.log("not a function", n);`,
      `const bench = await import("knobs/bench"); if (bench.getTask("synthetic/branin").id !== "synthetic/branin") console.log("bench");`,
      `const rag = await import("knobs/rag"); if (typeof rag.chunkText !== "function") console.log("rag");`,
      `console.log("checked");`,
    ].join("\n");
    const result = run("exports.ts", source);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("checked\n");
  });

  it("ships knobs/testing: the scripted OpenAI-compatible server and the storage conformance suite", () => {
    const result = run(
      "testing.ts",
      [
        `import { openAICompatible } from "knobs";`,
        `import { chatCompletion, ScriptedServer, storageConformanceSuite } from "knobs/testing";`,
        `const server = await ScriptedServer.start();`,
        `server.script("/chat/completions", { body: chatCompletion({ content: "scripted" }) });`,
        `const provider = openAICompatible({ baseURL: server.baseURL, apiKeyEnv: null });`,
        `const answer = await provider.chat({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });`,
        `await server.stop();`,
        `const cases: string[] = [];`,
        `storageConformanceSuite({ name: "x", open: async () => { throw new Error("not run"); }, describe: (_n, body) => body(), it: (n) => void cases.push(n), expect: () => ({}) });`,
        `console.log(answer.text, cases.length > 5);`,
      ].join("\n"),
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("scripted true\n");
  });

  it("runs the offline LLM demo of knobs/testing: a generative optimizer improves a prompt against scripted models", () => {
    const result = run(
      "demo.ts",
      [
        `import { createStudy, generativeOptimizer, openAICompatible, type Trial } from "knobs";`,
        `import { ScriptedServer, serveSentimentModels, SENTIMENT_OPTIMIZER_MODEL, SENTIMENT_SUT_MODEL, SENTIMENT_VALIDATION, sentimentMinibatch } from "knobs/testing";`,
        `const server = serveSentimentModels(await ScriptedServer.start());`,
        `const provider = openAICompatible({ baseURL: server.baseURL, apiKeyEnv: null });`,
        `const study = await createStudy({`,
        `  name: "demo", storage: "memory:", objectives: [{ name: "accuracy", direction: "maximize" }],`,
        `  space: { system_prompt: { type: "text", default: "Classify the sentiment of the customer message.", format: "prompt" } },`,
        `  sampler: generativeOptimizer({ llm: { model: SENTIMENT_OPTIMIZER_MODEL, baseURL: server.baseURL, apiKeyEnv: null }, minibatch: 2 }),`,
        `  logger: () => {},`,
        `});`,
        `await study.optimize(async (trial: Trial) => {`,
        `  const examples = trial.fidelity?.split === "validation" ? SENTIMENT_VALIDATION : sentimentMinibatch(trial.number);`,
        `  const feedback: string[] = [];`,
        `  let correct = 0;`,
        `  for (const example of examples) {`,
        `    const answer = (await provider.chat({ model: SENTIMENT_SUT_MODEL, messages: [{ role: "system", content: trial.config.system_prompt as string }, { role: "user", content: example.text }] })).text.trim();`,
        `    if (answer === example.label) correct++;`,
        `    else feedback.push(answer === "positive" || answer === "negative" || answer === "neutral" ? \`"\${example.text}": expected \${example.label}, got "\${answer}"\` : \`"\${example.text}": "\${answer}" (not one of the labels)\`);`,
        `  }`,
        `  await trial.setUserAttr("feedback", feedback);`,
        `  return correct / examples.length;`,
        `}, { budget: { trials: 12 } });`,
        `await server.stop();`,
        `const validation = study.trials.filter((t) => t.fidelity?.split === "validation").map((t) => t.values![0]);`,
        `console.log(validation[0] < Math.max(...validation));`,
      ].join("\n"),
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("true\n");
  });

  it("packs what the README and the docs link to", () => {
    for (const folder of ["dist/", "data/", "docs/", "examples/", "prompts/", "schema/"]) expect(packed.some((path) => path.startsWith(folder))).toBe(true);
    expect(packed).toContain("README.md");
    const missing: string[] = [];
    const docs = ["README.md", ...packed.filter((path) => path.startsWith("docs/") && path.endsWith(".md"))];
    for (const doc of docs) {
      for (const [, target] of readFileSync(join(ROOT, doc), "utf8").matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const path = join(doc, "..", target).replace(/\/$/, "");
        if (!packed.some((file) => file === path || file.startsWith(`${path}/`))) missing.push(`${doc}: ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
