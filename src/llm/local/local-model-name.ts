/** The prefix that names an embedded model: `local:./models/model.gguf`. */
export const LOCAL_MODEL_PREFIX = "local:";

/** The GGUF path of a `local:` model name, or undefined for any other name. */
export function localModelPath(name: string): string | undefined {
  if (!name.startsWith(LOCAL_MODEL_PREFIX)) return undefined;
  const path = name.slice(LOCAL_MODEL_PREFIX.length).trim();
  return path === "" ? undefined : path;
}
