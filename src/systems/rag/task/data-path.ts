import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TaskDataError } from "../../../bench/task/index.js";

/** The environment variable naming the chroma-chunking data folder. */
export const CHROMA_CHUNKING_ENV = "KNOBS_CHROMA_CHUNKING";

const RELATIVE_DEFAULT = "../shared/data/chroma-chunking";

/**
 * The package root: this file sits at src/systems/rag/task/ (or dist/systems/rag/task/ once
 * built), four levels below it in both cases.
 */
function packageRoot(): string {
  return fileURLToPath(new URL("../../../../", import.meta.url));
}

/**
 * Finds the chroma-chunking data folder: `explicit` if given, else $KNOBS_CHROMA_CHUNKING,
 * else ../shared/data/chroma-chunking relative to the package root, then to the working
 * directory. A folder counts when it holds questions_df.csv. Throws TaskDataError naming the
 * places looked and the environment variable when none does.
 */
export function resolveChromaChunkingPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[CHROMA_CHUNKING_ENV];
  const candidates = explicit !== undefined ? [explicit] : fromEnv ? [fromEnv] : [resolve(packageRoot(), RELATIVE_DEFAULT), resolve(process.cwd(), RELATIVE_DEFAULT)];
  const found = candidates.find((folder) => existsSync(join(folder, "questions_df.csv")));
  if (found) return found;
  const origin = explicit !== undefined ? "the path given" : fromEnv ? `$${CHROMA_CHUNKING_ENV}` : `the default ${RELATIVE_DEFAULT}`;
  throw new TaskDataError(
    { file: candidates[0] },
    `chroma-chunking data not found (looked in ${[...new Set(candidates)].join(", ")}, from ${origin}): ` +
      `set ${CHROMA_CHUNKING_ENV} to the folder holding questions_df.csv and corpora/ ` +
      "(brandonstarxel/chunking_evaluation, chunking_evaluation/evaluation_framework/general_evaluation_data/)",
  );
}
