import { join } from "node:path";
import { loadTabularTask, type TabularTask } from "../tabular/index.js";
import type { TaskSource } from "../task/index.js";
import { dataDir, shippedChecksums } from "./data-dir.js";

const SOURCE: Omit<TaskSource, "path"> = {
  repo: "ideas-labo/llmsys-hpobench",
  commit: "3fda6f8c8ac54c6a6fbfc8ebfaabc05fc91582b4",
  license: "CC-BY-4.0",
  citation: "Wu et al., LLMSYS-HPOBench, arXiv:2605.08305",
};

/** How one LLMSYS-HPOBench system becomes a task; docs/tasks.md gives the reasons. */
export interface LlmsysSystem {
  id: string;
  /** Folder under example-data/. */
  folder: string;
  description: string;
  /** Objective names, primary first. */
  objectives: string[];
  /** Primary cost name. */
  cost: string;
  /** Cost holding the run's wall time in seconds. */
  elapsed: string;
  /** Config columns that are run ids, not settings. */
  ignore?: string[];
}

/** The seven LLMSYS-HPOBench systems shipped in data/llmsys-hpobench/example-data. */
export const LLMSYS_SYSTEMS: readonly LlmsysSystem[] = [
  {
    id: "llmsys/naiverag",
    folder: "RAG/naiverag",
    description: "naive RAG pipeline (chunking, retriever, embedding and chat model options) on easy agriculture QA; maximize LLM-judged answer quality",
    objectives: ["Answer_llmaaj", "Test_Time"],
    cost: "Total_Time",
    elapsed: "Total_Time",
  },
  {
    id: "llmsys/html_rag",
    folder: "RAG/html_rag",
    description: "HtmlRAG pipeline (HTML chunking and pruning windows, retriever, model options); maximize LLM-judged answer quality",
    objectives: ["LLM_AAJ", "Test_Time"],
    cost: "Total_Time",
    elapsed: "Total_Time",
  },
  {
    id: "llmsys/lightrag",
    folder: "RAG/LightRAG",
    description: "LightRAG graph RAG (LLM, chunking, entity extraction, query mode and token budgets) on multi-hop bridge questions; maximize retrieval F1",
    objectives: ["f1_score", "test_time"],
    cost: "total_time",
    elapsed: "total_time",
  },
  {
    id: "llmsys/openhands",
    folder: "Agent/openhands",
    description: "OpenHands agent (LLM limits, sampling, retries, tools, iterations, sandbox); maximize task accuracy (0/1 per run)",
    objectives: ["accuracy", "evidence_recall", "proof_step_deviation"],
    cost: "total_token",
    elapsed: "total_time_sec",
  },
  {
    id: "llmsys/autogpt",
    folder: "Agent/autogpt",
    description: "AutoGPT agent (cycle budget, components, message window, functions API, sampling) on a code-generation task; maximize success rate (0/1 per run), 92 runs",
    objectives: ["success_rate", "avg_task_duration"],
    cost: "total_duration",
    elapsed: "total_duration",
    ignore: ["agent_config_id"],
  },
  {
    id: "llmsys/vllm",
    folder: "Engine/vLLM",
    description: "vLLM serving engine (batching, KV blocks, chunked prefill, prefix caching, speculative decoding, sampling); maximize output tokens/s",
    objectives: ["output_throughput", "p95_latency_ms"],
    cost: "benchmark_duration_s",
    elapsed: "benchmark_duration_s",
    ignore: ["config_id"],
  },
  {
    id: "llmsys/sglang",
    folder: "Engine/SGLang",
    description: "SGLang serving engine (running requests, token pool, chunked prefill, memory, attention backend, sampling); maximize output tokens/s; most runs failed",
    objectives: ["output_throughput", "mean_e2e_latency_ms"],
    cost: "duration",
    elapsed: "duration",
    ignore: ["config_id"],
  },
];

/** Loads one LLMSYS-HPOBench system from data/, verifying every CSV against data/SHA256SUMS. */
export function loadLlmsysTask(system: LlmsysSystem): TabularTask {
  const relative = `llmsys-hpobench/example-data/${system.folder}`;
  return loadTabularTask(join(dataDir(), relative), {
    displayRoot: `data/${relative}`,
    sha256Prefix: `${relative}/`,
    checksums: shippedChecksums(relative),
    checksumsSource: "data/SHA256SUMS",
    requireChecksums: true,
    meta: {
      id: system.id,
      description: system.description,
      source: { ...SOURCE, path: `example-data/${system.folder}` },
      objective: system.objectives[0],
      objectives: system.objectives,
      cost: system.cost,
      elapsed: system.elapsed,
      ignore: system.ignore,
    },
  });
}
