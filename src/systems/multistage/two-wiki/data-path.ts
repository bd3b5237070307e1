import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TaskDataError } from "../../../bench/task/index.js";

/** The environment variable naming the AgentTTS 2WikiMultiHopQA data (a folder holding tts_test.json, or the file). */
export const AGENTTTS_2WIKI_ENV = "KNOBS_AGENTTTS_2WIKI";

export const TWO_WIKI_FILE = "tts_test.json";

const RELATIVE_DEFAULT = "../shared/data/agenttts-2wiki";

/**
 * The package root: this file sits at src/systems/multistage/two-wiki/ (or dist/systems/...
 * once built), four levels below it in both cases.
 */
function packageRoot(): string {
  return fileURLToPath(new URL("../../../../", import.meta.url));
}

/** `path` itself when it is a file, else `path/tts_test.json`. */
function dataFile(path: string): string {
  return existsSync(path) && statSync(path).isFile() ? path : join(path, TWO_WIKI_FILE);
}

/**
 * Finds the 2WikiMultiHopQA questions of AgentTTS: `explicit` if given, else $KNOBS_AGENTTTS_2WIKI,
 * else ../shared/data/agenttts-2wiki relative to the package root, then to the working directory
 * (as resolveChromaChunkingPath does for its data). Each may name the JSON file or the folder
 * holding tts_test.json. Returns the file; throws TaskDataError naming the places looked and the
 * environment variable when none exists.
 */
export function resolveTwoWikiFile(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[AGENTTTS_2WIKI_ENV];
  const places = explicit !== undefined ? [explicit] : fromEnv ? [fromEnv] : [resolve(packageRoot(), RELATIVE_DEFAULT), resolve(process.cwd(), RELATIVE_DEFAULT)];
  const files = [...new Set(places.map(dataFile))];
  const found = files.find((file) => existsSync(file));
  if (found) return found;
  const origin = explicit !== undefined ? "the path given" : fromEnv ? `$${AGENTTTS_2WIKI_ENV}` : `the default ${RELATIVE_DEFAULT}`;
  throw new TaskDataError(
    { file: files[0] },
    `AgentTTS 2WikiMultiHopQA data not found (looked for ${files.join(", ")}, from ${origin}): set ${AGENTTTS_2WIKI_ENV} to tts_test.json ` +
      "or the folder holding it (FairyFali/AgentTTS_Code, data/2wikimultihopqa/tts_test.json)",
  );
}
