import type { Sampler } from "./spec.js";

/** True for an object with `doAsk`: what options that take a Sampler object (`inner`, `sampler`, `classical`) accept. */
export function isSampler(value: unknown): value is Sampler {
  return value !== null && typeof value === "object" && typeof (value as Sampler).doAsk === "function";
}
