/** A Markdown table; columns after the first `leftColumns` are right-aligned (numbers). */
export function markdownTable(header: string[], rows: string[][], leftColumns = 1): string {
  const align = header.map((_, i) => (i < leftColumns ? ":---" : "---:"));
  return [header, align, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/** Four significant digits, switching to exponent form for very large or very small magnitudes. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/** A p-value to three decimals, or "<0.001". */
export function formatP(p: number): string {
  return p < 0.001 ? "<0.001" : p.toFixed(3);
}
