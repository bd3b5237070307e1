import { ValidationError, type Issue } from "../../errors/index.js";
import { llamaCpp, localModelPath, openAICompatible, ReplayCache, type Provider } from "../../llm/index.js";
import { MissingLlmEndpointError } from "./missing-llm-endpoint-error.js";

/** Root of the OpenAI-compatible API the live tasks call (required), or `local:<path.gguf>` for an embedded model. */
export const LLM_BASE_URL_ENV = "KNOBS_LLM_BASE_URL";
/** Name of the variable holding the API key; "none" sends no key. Default: OPENAI_API_KEY when set, else no key. */
export const LLM_API_KEY_ENV_ENV = "KNOBS_LLM_API_KEY_ENV";
/** Path of a record/replay cache file (SQLite); unset: no cache. */
export const LLM_CACHE_ENV = "KNOBS_LLM_CACHE";
/** CPU threads of an embedded (`local:`) model; default: the machine's cores. */
export const LLM_THREADS_ENV = "KNOBS_LLM_THREADS";
/** `name=served,name=served`: the model name to request for a model the config space names. */
export const LLM_MODEL_MAP_ENV = "KNOBS_LLM_MODEL_MAP";

/**
 * The provider a live task uses when none is given: `openAICompatible` at $KNOBS_LLM_BASE_URL,
 * the key read (at call time) from the variable $KNOBS_LLM_API_KEY_ENV names, else from
 * OPENAI_API_KEY when that is set, else none (local servers); with a record/replay cache at
 * $KNOBS_LLM_CACHE when set. With $KNOBS_LLM_BASE_URL=local:<path.gguf>, the GGUF model runs in
 * process instead (node-llama-cpp, $KNOBS_LLM_THREADS threads) and answers every model name.
 * Throws MissingLlmEndpointError when $KNOBS_LLM_BASE_URL is unset.
 *
 * @example
 * // KNOBS_LLM_BASE_URL=http://127.0.0.1:11434/v1 knobs optimize study.yaml
 * const provider = providerFromEnv();
 */
export function providerFromEnv(env: NodeJS.ProcessEnv = process.env, task?: string): Provider {
  const baseURL = env[LLM_BASE_URL_ENV];
  if (!baseURL) throw new MissingLlmEndpointError(LLM_BASE_URL_ENV, task);
  const cache = env[LLM_CACHE_ENV] ? new ReplayCache(env[LLM_CACHE_ENV]) : undefined;
  const modelPath = localModelPath(baseURL);
  if (modelPath !== undefined) return llamaCpp({ modelPath, threads: threadsFromEnv(env), cache });
  const named = env[LLM_API_KEY_ENV_ENV];
  const apiKeyEnv = named ? (named === "none" ? null : named) : env.OPENAI_API_KEY ? "OPENAI_API_KEY" : null;
  return openAICompatible({ baseURL, apiKeyEnv, cache });
}

function threadsFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const text = env[LLM_THREADS_ENV];
  if (text === undefined || text === "") return undefined;
  const threads = Number(text);
  if (!(Number.isInteger(threads) && threads >= 1)) {
    throw new ValidationError([{ code: "invalid_value", path: [], message: `expected an integer >= 1, received ${JSON.stringify(text)}`, expected: "integer >= 1", received: text }], `$${LLM_THREADS_ENV}`);
  }
  return threads;
}

/**
 * The served-name mapping of $KNOBS_LLM_MODEL_MAP (`name=served,...`, e.g.
 * `meta-llama/Llama-3.1-8B-Instruct=llama3.1:8b`), so a config space can keep the paper's model
 * names while a local server calls them otherwise. Names without an entry are requested as they
 * are. Throws ValidationError on an entry without `=`.
 */
export function servedModelFromEnv(env: NodeJS.ProcessEnv = process.env): (name: string) => string {
  const text = env[LLM_MODEL_MAP_ENV] ?? "";
  const map = new Map<string, string>();
  const issues: Issue[] = [];
  text
    .split(",")
    .map((entry) => entry.trim())
    .forEach((entry, index) => {
      if (entry === "") return;
      const at = entry.indexOf("=");
      if (at <= 0 || at === entry.length - 1) {
        issues.push({ code: "invalid_value", path: [index], message: `expected name=served, received ${JSON.stringify(entry)}`, expected: "name=served", received: entry });
        return;
      }
      map.set(entry.slice(0, at).trim(), entry.slice(at + 1).trim());
    });
  if (issues.length > 0) throw new ValidationError(issues, `$${LLM_MODEL_MAP_ENV}`);
  return (name) => map.get(name) ?? name;
}
