import type { Config } from "../../space/index.js";

/** A fidelity as people write it: `model=1M`, `budget=27`. */
export function fidelityLabel(fidelity: Config): string {
  return Object.entries(fidelity)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(", ");
}

/** A value with four significant digits, for prompts and reasoning. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "-";
  return Number(value.toPrecision(4)).toString();
}

/** A trial by number with its value: `#12 (0.731)`. */
export function trialLabel(trial: { number: number; value: number }): string {
  return `#${trial.number} (${formatValue(trial.value)})`;
}
