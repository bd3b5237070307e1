import type { Param, Value } from "./spec.js";

/** Why `value` is not a legal value of `param`, or null when it is. */
export function checkValue(param: Param, value: Value): { expected: string; received: string } | null {
  const received = JSON.stringify(value);
  switch (param.type) {
    case "text":
      if (typeof value !== "string") return { expected: "a string", received };
      return param.format === "json" && !parsesAsJson(value) ? { expected: "a string holding JSON", received: received.slice(0, 80) } : null;
    case "categorical":
      return param.choices.some((c) => c === value)
        ? null
        : { expected: `one of ${JSON.stringify(param.choices)}`, received };
    case "ordinal":
      return param.values.some((c) => c === value)
        ? null
        : { expected: `one of ${JSON.stringify(param.values)}`, received };
    case "int":
    case "float": {
      const kind = param.type === "int" ? "an integer" : "a number";
      if (typeof value !== "number" || !Number.isFinite(value)) return { expected: kind, received };
      if (param.type === "int" && !Number.isInteger(value)) return { expected: kind, received };
      if (value < param.low || value > param.high) {
        return { expected: `${kind} in [${param.low}, ${param.high}]`, received };
      }
      const step = param.step ?? (param.type === "int" ? 1 : undefined);
      if (step !== undefined) {
        const k = (value - param.low) / step;
        if (Math.abs(k - Math.round(k)) > 1e-6) {
          return { expected: `${param.low} + k * ${step}`, received };
        }
      }
      return null;
    }
  }
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
