import type { Objective, TrialRecord } from "../../storage/index.js";

/** Renders rows as an aligned text table with a header. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (c ?? "").padEnd(widths[i])).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** A number in at most 6 significant digits. */
export function num(x: number | null | undefined): string {
  if (x === null || x === undefined) return "";
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}

/** `recall=0.81 usd=0.02` for a trial's values. */
export function valuesText(trial: Pick<TrialRecord, "values">, objectives: readonly Objective[]): string {
  if (!trial.values) return "";
  return trial.values.map((v, i) => `${objectives[i].name}=${num(v)}`).join(" ");
}

/** `{"x":1}` compact, for one-line output. */
export function configText(config: unknown): string {
  return JSON.stringify(config);
}

/** `usd 0.41, input_tokens 12000` for a cost record. */
export function costText(cost: Record<string, number>): string {
  const parts = Object.entries(cost).map(([name, amount]) => `${name} ${num(amount)}`);
  return parts.length ? parts.join(", ") : "none recorded";
}

/** One CSV field, quoted when needed (RFC 4180). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
