import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { KnobsError } from "../../errors/index.js";

/**
 * The folder of versioned prompt templates shipped with the package (`prompts/` at its
 * root). This file sits three levels below the root both in src/ and in dist/.
 */
const PROMPTS_DIR = fileURLToPath(new URL("../../../prompts/", import.meta.url));

/** A prompt template file: its id (`<agent>/<name>.v<version>`) and text with `{{slots}}`. */
export interface PromptTemplate {
  id: string;
  text: string;
}

/**
 * Loads `prompts/<agent>/<name>.v<version>.md`. Versions are files, never edits: a run
 * records the id of every template it used, so a trajectory can be read with its prompts.
 */
export function loadPrompt(agent: string, name: string, version = 1, dir = PROMPTS_DIR): PromptTemplate {
  const id = `${agent}/${name}.v${version}`;
  try {
    return { id, text: readFileSync(join(dir, `${id}.md`), "utf8") };
  } catch (error) {
    throw new KnobsError("missing_prompt", `prompt template ${id}.md not found in ${dir}`, { cause: error });
  }
}

/**
 * Fills `{{name}}` slots. Every slot must have a value and every value a slot, so a
 * renamed slot fails loudly instead of sending a prompt with a hole in it.
 */
export function renderPrompt(template: PromptTemplate, values: Record<string, string | number>): string {
  const used = new Set<string>();
  const text = template.text.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, slot: string) => {
    if (!Object.hasOwn(values, slot)) throw new KnobsError("prompt_slot", `prompt ${template.id}: no value for slot {{${slot}}}`);
    used.add(slot);
    return String(values[slot]);
  });
  const unused = Object.keys(values).filter((key) => !used.has(key));
  if (unused.length > 0) throw new KnobsError("prompt_slot", `prompt ${template.id}: no slot for ${unused.map((k) => `{{${k}}}`).join(", ")}`);
  return text;
}
