import type { CategoricalParam, FloatParam, IntParam, OrdinalParam, SimplexParam, TextParam, Value, When } from "./spec.js";

/** Declares spaces in TypeScript: `Space.parse({ lr: float(1e-5, 1e-1, { log: true }) })`. */
export function float(low: number, high: number, options: { log?: boolean; step?: number; when?: When } = {}): FloatParam {
  return { type: "float", low, high, ...options };
}

export function int(low: number, high: number, options: { log?: boolean; step?: number; when?: When } = {}): IntParam {
  return { type: "int", low, high, ...options };
}

export function categorical(choices: Value[], options: { when?: When } = {}): CategoricalParam {
  return { type: "categorical", choices, ...options };
}

/** A trainable text artifact (prompt, code or JSON) that only generative optimizers change. */
export function text(defaultText: string, options: { format?: "prompt" | "code" | "json"; when?: When } = {}): TextParam {
  return { type: "text", default: defaultText, ...options };
}

/** A mixture of `components` whose weights sum to 1: `simplex(["web", "code", "books"], { concentration: 0.5 })`. */
export function simplex(components: string[], options: { floor?: number; concentration?: number; when?: When } = {}): SimplexParam {
  return { type: "simplex", components: [...components], ...options };
}

export function ordinal(values: Value[], options: { when?: When } = {}): OrdinalParam {
  return { type: "ordinal", values, ...options };
}
