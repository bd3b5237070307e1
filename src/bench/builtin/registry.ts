import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { twoWikiSearchTask } from "../../systems/agent/index.js";
import { twoWikiTask } from "../../systems/multistage/index.js";
import { chromaChunkingTask, corpusTask } from "../../systems/rag/index.js";
import { surrogateTask } from "../surrogate/index.js";
import { syntheticFunctions } from "../synthetic/index.js";
import { loadTabularTask, type TabularTask } from "../tabular/index.js";
import { UnknownTaskError, type Task } from "../task/index.js";
import { checkpointLadderTask } from "./checkpoint-ladder.js";
import { loadGemstoneLrTask, loadGemstoneTask } from "./gemstone.js";
import { LLMSYS_SYSTEMS, loadLlmsysTask } from "./llmsys.js";
import { loadOpdaTask, OPDA_MODELS } from "./opda-deberta.js";
import { loadRegmixTask } from "./regmix.js";
import { loadRegmix60mTask } from "./regmix-60m.js";
import { MmluAllocationTask } from "./routellm.js";
import { syntheticTask } from "./synthetic.js";

/** What kind of task a built-in is. */
export type TaskKind = "tabular" | "surrogate" | "computed" | "live" | "synthetic";

/** A built-in task: its id and kind, and how to load it (data is read on first use, then kept). */
export interface BuiltinTask {
  id: string;
  kind: TaskKind;
  load: () => Task;
}

const tabular: { id: string; load: () => TabularTask }[] = [
  ...LLMSYS_SYSTEMS.map((system) => ({ id: system.id, load: () => loadLlmsysTask(system) })),
  { id: "regmix", load: loadRegmixTask },
  { id: "regmix/60m", load: loadRegmix60mTask },
];

const loaded = new Map<string, Task>();

function cached<T extends Task>(id: string, load: () => T): () => T {
  return () => {
    let task = loaded.get(id);
    if (!task) {
      task = load();
      loaded.set(id, task);
    }
    return task as T;
  };
}

/** Learning-curve tasks: tabular, levels on one run (`fidelity_cost: continue`); no surrogate (a k-NN fit per checkpoint would say little). */
const curves: { id: string; load: () => TabularTask }[] = [
  { id: "gemstone", load: loadGemstoneTask },
  { id: "gemstone/lr", load: loadGemstoneLrTask },
  ...OPDA_MODELS.map((model) => ({ id: model.id, load: () => loadOpdaTask(model.id) })),
];

const tabularLoaders = new Map(tabular.map((entry) => [entry.id, cached(entry.id, entry.load)]));

/** Every built-in task, in listing order: LLM systems, RegMix, learning curves, RouteLLM, live tasks, surrogates, synthetic functions and the synthetic checkpoint ladder. */
export const BUILTIN_TASKS: readonly BuiltinTask[] = [
  ...tabular.map((entry) => ({ id: entry.id, kind: "tabular" as const, load: tabularLoaders.get(entry.id) as () => Task })),
  ...curves.map((entry) => ({ id: entry.id, kind: "tabular" as const, load: cached(entry.id, entry.load) })),
  { id: "routellm/mmlu-allocation", kind: "computed", load: cached("routellm/mmlu-allocation", () => new MmluAllocationTask()) },
  // Reads its data ($KNOBS_CHROMA_CHUNKING or ../shared/data/chroma-chunking) on first evaluate, so listing never needs it.
  { id: "rag/chroma-chunking", kind: "live", load: cached("rag/chroma-chunking", () => chromaChunkingTask()) },
  // Call an LLM ($KNOBS_LLM_BASE_URL) and read $KNOBS_AGENTTTS_2WIKI or ../shared/data/agenttts-2wiki, both on first evaluate.
  { id: "multistage/2wiki", kind: "live", load: cached("multistage/2wiki", () => twoWikiTask()) },
  { id: "agent/2wiki-search", kind: "live", load: cached("agent/2wiki-search", () => twoWikiSearchTask()) },
  ...tabular.map((entry) => {
    const id = `surrogate/${entry.id}`;
    return { id, kind: "surrogate" as const, load: cached(id, () => surrogateTask((tabularLoaders.get(entry.id) as () => TabularTask)())) };
  }),
  ...syntheticFunctions.map((fn) => ({ id: `synthetic/${fn.id}`, kind: "synthetic" as const, load: cached(`synthetic/${fn.id}`, () => syntheticTask(fn)) })),
  { id: "synthetic/checkpoint-ladder", kind: "synthetic", load: cached("synthetic/checkpoint-ladder", checkpointLadderTask) },
];

/** Ids of the built-in tasks, in listing order. */
export function taskIds(): string[] {
  return BUILTIN_TASKS.map((entry) => entry.id);
}

/** Every built-in task, loaded (data files are read and checksummed on first use). */
export function listTasks(): Task[] {
  return BUILTIN_TASKS.map((entry) => entry.load());
}

/**
 * A task by reference: a built-in id (see `knobs tasks`), or a path to a tabular task folder.
 * Throws UnknownTaskError listing the built-in ids when `ref` is neither.
 *
 * @example
 * const task = getTask("llmsys/naiverag");
 * task.evaluate(task.space.sample(rngFor(0, "demo")), null, 0);
 */
export function getTask(ref: string): Task {
  const builtin = BUILTIN_TASKS.find((entry) => entry.id === ref);
  if (builtin) return builtin.load();
  if (existsSync(ref) && statSync(ref).isDirectory()) return existsSync(join(ref, "documents.jsonl")) ? corpusTask(ref) : loadTabularTask(ref);
  throw new UnknownTaskError(ref, taskIds());
}

/**
 * A task-ref as written in a study config: a built-in id, else a folder relative to
 * `baseDir` (the config's folder).
 */
export function resolveTaskRef(ref: string, baseDir: string): Task {
  if (BUILTIN_TASKS.some((entry) => entry.id === ref)) return getTask(ref);
  const path = resolve(baseDir, ref);
  return existsSync(path) ? getTask(path) : getTask(ref);
}
