/**
 * Speed of the embedded provider (llamaCpp over node-llama-cpp, CPU) on this machine: prompt and
 * generated tokens per second by thread count, and the share of schema-constrained replies that
 * parse. Speeds only: the default model (test/fixtures/models/stories260K.gguf) says nothing of
 * answer quality.
 *
 *   npx tsx bench/llm/local-speed.ts [--model path.gguf] [--threads 1,2,4] [--calls 10]
 */
import { parseArgs } from "node:util";
import { llamaCpp } from "../../src/llm/index.js";

const { values } = parseArgs({
  options: {
    model: { type: "string", default: "test/fixtures/models/stories260K.gguf" },
    threads: { type: "string", default: "1,2" },
    calls: { type: "string", default: "10" },
  },
});
const calls = Number(values.calls);
const prompt = "Once upon a time there was a little girl who lived in a village near the forest. ".repeat(8);
const schema = { type: "object", properties: { label: { enum: ["happy", "sad"] }, reason: { type: "string" } }, required: ["label", "reason"] };

console.log(`model ${values.model}, ${calls} calls per row`);
console.log("| threads | prompt tokens/s | generated tokens/s | JSON replies that parse |");
console.log("|---:|---:|---:|---:|");
for (const threads of values.threads.split(",").map(Number)) {
  const llm = llamaCpp({ modelPath: values.model, threads, contextSize: 1024 });
  await llm.chat({ model: "local", messages: [{ role: "user", content: "warm up" }], maxTokens: 4 });
  // Prompt speed: long prompts, one generated token each.
  let inputTokens = 0;
  let started = performance.now();
  for (let i = 0; i < calls; i++) {
    inputTokens += (await llm.chat({ model: "local", messages: [{ role: "user", content: `${i} ${prompt}` }], maxTokens: 1, seed: i })).usage.inputTokens;
  }
  const promptRate = inputTokens / ((performance.now() - started) / 1000);
  // Generation speed: short prompts, 128 tokens each.
  let outputTokens = 0;
  started = performance.now();
  for (let i = 0; i < calls; i++) {
    outputTokens += (await llm.chat({ model: "local", messages: [{ role: "user", content: `Story ${i}` }], maxTokens: 128, temperature: 0.8, seed: i })).usage.outputTokens;
  }
  const generateRate = outputTokens / ((performance.now() - started) / 1000);
  let parsed = 0;
  for (let i = 0; i < calls; i++) {
    const answer = await llm
      .chat({ model: "local", messages: [{ role: "user", content: "Label the story." }], responseFormat: { type: "json_schema", name: "label", schema }, maxTokens: 80, temperature: 0.8, seed: i })
      .catch(() => undefined);
    if (answer?.object && typeof answer.object === "object") parsed++;
  }
  console.log(`| ${threads} | ${promptRate.toFixed(0)} | ${generateRate.toFixed(0)} | ${parsed} of ${calls} |`);
  await llm.dispose();
}
