import { checkWeights } from "./simplex-param.js";
import type { Param, Value } from "./spec.js";

/** Why `value` is not a legal value of `param` (for a simplex, naming the component at fault), or null when it is. */
export function checkValue(param: Param, value: Value): { expected: string; received: string; component?: string } | null {
  switch (param.type) {
    case "simplex":
      return checkWeights(param, value);
    case "text":
      if (typeof value !== "string") return { expected: "a string", received: shown(value) };
      return param.format === "json" && !parsesAsJson(value) ? { expected: "a string holding JSON", received: shown(value).slice(0, 80) } : null;
    case "categorical":
      return param.choices.some((c) => c === value)
        ? null
        : { expected: `one of ${JSON.stringify(param.choices)}`, received: shown(value) };
    case "ordinal":
      return param.values.some((c) => c === value)
        ? null
        : { expected: `one of ${JSON.stringify(param.values)}`, received: shown(value) };
    case "int":
    case "float": {
      const kind = param.type === "int" ? "an integer" : "a number";
      if (typeof value !== "number" || !Number.isFinite(value)) return { expected: kind, received: shown(value) };
      if (param.type === "int" && !Number.isInteger(value)) return { expected: kind, received: shown(value) };
      if (value < param.low || value > param.high) {
        return { expected: `${kind} in [${param.low}, ${param.high}]`, received: shown(value) };
      }
      const step = param.step ?? (param.type === "int" ? 1 : undefined);
      if (step !== undefined) {
        const k = (value - param.low) / step;
        if (Math.abs(k - Math.round(k)) > 1e-6) {
          return { expected: `${param.low} + k * ${step}`, received: shown(value) };
        }
      }
      return null;
    }
  }
}

/** The value as a message shows it; worded only for a value that fails (stringifying every value cost more than the checks). */
function shown(value: Value): string {
  return JSON.stringify(value);
}

/** True when `text` is valid JSON. */
export function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
