import type { Issue } from "../errors/index.js";
import { parsesAsJson } from "./check-value.js";
import type { Param, SpaceDefinition, Value, When } from "./spec.js";

const PARAM_TYPES = ["float", "int", "categorical", "ordinal", "text", "simplex"] as const;
const KEYS: Record<Param["type"], string[]> = {
  float: ["type", "low", "high", "log", "step", "when"],
  int: ["type", "low", "high", "log", "step", "when"],
  categorical: ["type", "choices", "when"],
  ordinal: ["type", "values", "when"],
  text: ["type", "default", "format", "when"],
  simplex: ["type", "components", "floor", "concentration", "when"],
};
const TEXT_FORMATS = ["prompt", "code", "json"];

/**
 * Checks an untyped space definition (parsed JSON or YAML) and returns it typed, or the
 * list of every problem found. `basePath` prefixes issue paths (e.g. ["space"] inside a
 * study config).
 */
export function parseDefinition(
  input: unknown,
  basePath: (string | number)[] = [],
): { success: true; data: SpaceDefinition } | { success: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], code: string, message: string, expected?: string, received?: unknown) =>
    issues.push({
      code,
      path: [...basePath, ...path],
      message,
      ...(expected !== undefined ? { expected } : {}),
      ...(received !== undefined ? { received: describe(received) } : {}),
    });

  if (!isRecord(input)) {
    add([], "invalid_type", `expected an object of parameters, received ${describe(input)}`, "object", input);
    return { success: false, issues };
  }
  const names = Object.keys(input);
  const data: SpaceDefinition = {};
  for (const name of names) {
    const raw = input[name];
    if (!isRecord(raw)) {
      add([name], "invalid_type", `expected a parameter object, received ${describe(raw)}`, "object", raw);
      continue;
    }
    const type = raw.type;
    if (!PARAM_TYPES.includes(type as Param["type"])) {
      add([name, "type"], "unknown_type", `unknown parameter type ${describe(type)}: expected one of ${PARAM_TYPES.join(", ")}`, PARAM_TYPES.join(" | "), type);
      continue;
    }
    const kind = type as Param["type"];
    for (const key of Object.keys(raw)) {
      if (!KEYS[kind].includes(key)) {
        add([name, key], "unknown_key", `unknown key "${key}" for a ${kind} parameter: expected one of ${KEYS[kind].join(", ")}`);
      }
    }
    const before = issues.length;
    if (kind === "float" || kind === "int") {
      checkRange(raw, kind, (path, code, message, expected, received) => add([name, ...path], code, message, expected, received));
    } else if (kind === "simplex") {
      checkSimplex(raw, (path, code, message, expected, received) => add([name, ...path], code, message, expected, received));
    } else if (kind === "text") {
      if (typeof raw.default !== "string") add([name, "default"], "invalid_type", `expected the starting text (a string), received ${describe(raw.default)}`, "string", raw.default);
      if (raw.format !== undefined && !TEXT_FORMATS.includes(raw.format as string)) {
        add([name, "format"], "invalid_value", `expected one of ${TEXT_FORMATS.join(", ")}, received ${describe(raw.format)}`, TEXT_FORMATS.join(" | "), raw.format);
      } else if (raw.format === "json" && typeof raw.default === "string" && !parsesAsJson(raw.default)) {
        add([name, "default"], "invalid_value", `format is json but the default does not parse as JSON`);
      }
    } else {
      const key = kind === "categorical" ? "choices" : "values";
      const list = raw[key];
      if (!Array.isArray(list) || list.length === 0) {
        add([name, key], "invalid_type", `expected a non-empty list of values, received ${describe(list)}`, "non-empty array", list);
      } else {
        list.forEach((v, i) => {
          if (!isValue(v)) add([name, key, i], "invalid_type", `expected a string, number, boolean or null, received ${describe(v)}`, "string | number | boolean | null", v);
        });
        const seen = new Set(list.map((v) => JSON.stringify(v)));
        if (seen.size !== list.length) add([name, key], "duplicate_value", `values must be distinct, received ${describe(list)}`);
      }
    }
    if (raw.when !== undefined) {
      if (!isRecord(raw.when) || Object.keys(raw.when).length === 0) {
        add([name, "when"], "invalid_type", `expected an object {parameter: value or [values]}, received ${describe(raw.when)}`, "object", raw.when);
      }
    }
    if (issues.length === before) data[name] = raw as unknown as Param;
  }
  checkConditions(input, names, add);
  return issues.length === 0 ? { success: true, data } : { success: false, issues };
}

type Add = (path: (string | number)[], code: string, message: string, expected?: string, received?: unknown) => void;

function checkRange(raw: Record<string, unknown>, kind: "float" | "int", add: Add): void {
  const { low, high, log, step } = raw;
  const numberKind = kind === "int" ? "an integer" : "a finite number";
  const isNum = (v: unknown) => typeof v === "number" && Number.isFinite(v) && (kind === "float" || Number.isInteger(v));
  if (!isNum(low)) add(["low"], "invalid_type", `expected ${numberKind}, received ${describe(low)}`, numberKind, low);
  if (!isNum(high)) add(["high"], "invalid_type", `expected ${numberKind}, received ${describe(high)}`, numberKind, high);
  if (log !== undefined && typeof log !== "boolean") add(["log"], "invalid_type", `expected true or false, received ${describe(log)}`, "boolean", log);
  if (step !== undefined && !(isNum(step) && (step as number) > 0)) {
    add(["step"], "invalid_value", `expected ${numberKind} > 0, received ${describe(step)}`, `${numberKind} > 0`, step);
  }
  if (!isNum(low) || !isNum(high)) return;
  const lo = low as number;
  const hi = high as number;
  if (lo > hi) add(["low"], "invalid_range", `low <= high must hold, but got low=${lo}, high=${hi}`, `<= ${hi}`, lo);
  if (log === true && lo <= 0) add(["low"], "invalid_range", `log scale needs low > 0, but got low=${lo}`, "> 0", lo);
  if (log === true && step !== undefined && (kind === "float" || step !== 1)) {
    add(["step"], "invalid_combination", `step cannot be combined with log (got step=${describe(step)})`);
  }
  if (typeof step === "number" && step > 0 && lo <= hi) {
    const k = (hi - lo) / step;
    if (Math.abs(k - Math.round(k)) > 1e-6) {
      add(["high"], "invalid_range", `high - low must be a multiple of step, but got low=${lo}, high=${hi}, step=${step}`, `low + k * ${step}`, hi);
    }
  }
}

function checkSimplex(raw: Record<string, unknown>, add: Add): void {
  const { components, floor, concentration } = raw;
  if (!Array.isArray(components) || components.length < 2 || !components.every((c) => typeof c === "string" && c.length > 0)) {
    add(["components"], "invalid_type", `expected a list of at least two component names (non-empty strings), received ${describe(components)}`, "array of >= 2 strings", components);
    return;
  }
  const seen = new Set<string>();
  for (const [i, component] of (components as string[]).entries()) {
    if (seen.has(component)) add(["components", i], "duplicate_value", `component names must be distinct, but "${component}" appears twice`);
    seen.add(component);
  }
  if (floor !== undefined) {
    if (typeof floor !== "number" || !Number.isFinite(floor) || floor < 0) {
      add(["floor"], "invalid_value", `expected a number >= 0, received ${describe(floor)}`, "number >= 0", floor);
    } else if (floor * components.length >= 1) {
      add(["floor"], "invalid_range", `floor * components < 1 must hold, but got floor=${floor} with ${components.length} components`, `< ${1 / components.length}`, floor);
    }
  }
  if (concentration !== undefined && !(typeof concentration === "number" && Number.isFinite(concentration) && concentration > 0)) {
    add(["concentration"], "invalid_value", `expected a Dirichlet concentration > 0, received ${describe(concentration)}`, "number > 0", concentration);
  }
}

/** Every `when` names a known parameter, an allowed value, and the conditions have no cycle. */
function checkConditions(input: Record<string, unknown>, names: string[], add: Add): void {
  const parents = new Map<string, string[]>();
  for (const name of names) {
    const raw = input[name];
    if (!isRecord(raw) || !isRecord(raw.when)) continue;
    const when = raw.when as When;
    parents.set(name, Object.keys(when));
    for (const [parent, wanted] of Object.entries(when)) {
      if (!names.includes(parent)) {
        add([name, "when", parent], "unknown_parameter", `"when" names unknown parameter "${parent}": expected one of ${names.filter((n) => n !== name).join(", ") || "(no other parameter)"}`);
        continue;
      }
      if (parent === name) {
        add([name, "when", parent], "invalid_condition", `a parameter cannot depend on itself`);
        continue;
      }
      const parentRaw = input[parent];
      if (isRecord(parentRaw) && parentRaw.type === "simplex") {
        add([name, "when", parent], "invalid_condition", `"when" cannot name the simplex parameter "${parent}": a condition compares one value, name a categorical, ordinal, int or float`);
        continue;
      }
      const allowed = isRecord(parentRaw) ? (parentRaw.choices ?? parentRaw.values) : undefined;
      const wantedValues = Array.isArray(wanted) ? wanted : [wanted];
      if (Array.isArray(allowed)) {
        for (const value of wantedValues) {
          if (!allowed.some((a) => a === value)) {
            add([name, "when", parent], "invalid_condition", `value ${describe(value)} is not a choice of "${parent}": expected one of ${JSON.stringify(allowed)}`, JSON.stringify(allowed), value);
          }
        }
      }
    }
  }
  // Cycle check (depth-first).
  const state = new Map<string, 1 | 2>();
  const visit = (name: string, stack: string[]): void => {
    if (state.get(name) === 2) return;
    if (state.get(name) === 1) {
      add([name, "when"], "invalid_condition", `conditions form a cycle: ${[...stack, name].join(" -> ")}`);
      return;
    }
    state.set(name, 1);
    for (const parent of parents.get(name) ?? []) if (names.includes(parent) && parent !== name) visit(parent, [...stack, name]);
    state.set(name, 2);
  };
  for (const name of names) visit(name, []);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isValue(v: unknown): v is Value {
  return v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return v.length > 6 ? `an array of ${v.length}` : JSON.stringify(v);
  if (isRecord(v)) return "an object";
  return String(v);
}
