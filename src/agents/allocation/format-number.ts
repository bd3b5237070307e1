/** A number with at most 4 significant digits, as prompts and drop reasons show it. */
export function formatNumber(x: number): string {
  return String(Number(x.toPrecision(4)));
}
