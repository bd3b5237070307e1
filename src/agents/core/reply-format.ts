import { z } from "zod";
import type { JsonSchema, JsonSchemaResponseFormat, Provider } from "../../llm/index.js";

/**
 * How an agent's call asks for JSON: `strict` sends the schema as `response_format` with
 * `strict: true` (OpenAI's exact mode), `schema` sends it without `strict` (vLLM, llama.cpp
 * server, Ollama and the embedded runtime constrain decoding to it either way), `prompt`
 * sends none and relies on the prompt's instructions.
 */
export type ReplyMode = "strict" | "schema" | "prompt";

const NEXT: Record<ReplyMode, ReplyMode> = { strict: "schema", schema: "prompt", prompt: "prompt" };

// What each provider and model rejected, kept for the provider object's life, so a server
// without structured output costs one rejected request, not one per call.
const rejected = new WeakMap<Provider, Map<string, ReplyMode>>();

/** The reply format of a zod schema: its JSON Schema and the first mode worth trying. */
export interface ReplyFormat {
  schema: JsonSchema | null;
  name: string;
  /** `strict` when the schema fits OpenAI's strict subset, else `schema` (`prompt` when it has no JSON Schema). */
  best: ReplyMode;
}

/**
 * The JSON Schema of what the model should write: zod's input side (before transforms and
 * refinements, which JSON Schema cannot say and the zod check still applies), with every
 * object closed to extra keys. A schema zod cannot express falls back to the prompt.
 */
export function replyFormat(schema: z.ZodType, agent: string): ReplyFormat {
  const name = `${agent.replace(/[^a-zA-Z0-9_-]/g, "_")}_reply`.slice(0, 64);
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  } catch {
    return { schema: null, name, best: "prompt" };
  }
  delete json.$schema;
  closeObjects(json);
  return { schema: json, name, best: fitsStrict(json) ? "strict" : "schema" };
}

/** The mode to use now for this provider and model: the format's best, or what is left after rejections. */
export function replyMode(format: ReplyFormat, provider: Provider, model: string): ReplyMode {
  const left = rejected.get(provider)?.get(model);
  if (!left) return format.best;
  return rank(left) > rank(format.best) ? left : format.best;
}

/** Records that `mode` was rejected; returns the mode to try next. */
export function downgradeReplyMode(mode: ReplyMode, provider: Provider, model: string): ReplyMode {
  const next = NEXT[mode];
  let models = rejected.get(provider);
  if (!models) rejected.set(provider, (models = new Map()));
  const known = models.get(model);
  if (!known || rank(next) > rank(known)) models.set(model, next);
  return next;
}

/** The `responseFormat` of a request in `mode` (undefined in prompt mode). */
export function responseFormatOf(format: ReplyFormat, mode: ReplyMode): JsonSchemaResponseFormat | undefined {
  if (mode === "prompt" || !format.schema) return undefined;
  return { type: "json_schema", name: format.name, schema: format.schema, ...(mode === "strict" ? { strict: true } : {}) };
}

function rank(mode: ReplyMode): number {
  return mode === "strict" ? 0 : mode === "schema" ? 1 : 2;
}

/** Sub-schemas of a node, wherever JSON Schema nests them. */
function children(node: JsonSchema): JsonSchema[] {
  const out: JsonSchema[] = [];
  const push = (value: unknown) => {
    if (value && typeof value === "object" && !Array.isArray(value)) out.push(value as JsonSchema);
  };
  for (const key of ["items", "additionalProperties", "not", "propertyNames"]) push(node[key]);
  for (const key of ["anyOf", "oneOf", "allOf", "prefixItems"]) if (Array.isArray(node[key])) (node[key] as unknown[]).forEach(push);
  for (const key of ["properties", "$defs", "definitions"]) {
    const map = node[key];
    if (map && typeof map === "object") Object.values(map).forEach(push);
  }
  return out;
}

/** Sets `additionalProperties: false` on objects with named properties that say nothing about extra keys. */
function closeObjects(node: JsonSchema): void {
  if (node.type === "object" && node.properties && node.additionalProperties === undefined) node.additionalProperties = false;
  children(node).forEach(closeObjects);
}

/**
 * OpenAI's strict subset, as far as shape goes: the root and every object closed, with every
 * property required (optional ones would have to be nullable), and the root an object.
 */
function fitsStrict(root: JsonSchema): boolean {
  if (root.type !== "object") return false;
  const ok = (node: JsonSchema): boolean => {
    if (node.type === "object" || node.properties) {
      const keys = Object.keys((node.properties as object | undefined) ?? {});
      const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
      if (node.additionalProperties !== false || !keys.every((key) => required.has(key))) return false;
    }
    return children(node).every(ok);
  };
  return ok(root);
}
