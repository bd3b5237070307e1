/** Colours shared by every chart (reports and the dashboard), so a series keeps its colour from view to view. */
export const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/**
 * A fixed colour per optimizer name, the same in the HTML report and the dashboard whatever the
 * order of the series: the default suite's six are far apart (random grey, the baseline), other
 * known names take the remaining colours, and any other name (cmd:...) a colour from its hash.
 */
const BY_NAME: Record<string, string> = {
  random: "#7f7f7f",
  tpe: "#1f77b4",
  qmc: "#9467bd",
  gp: "#2ca02c",
  cmaes: "#ff7f0e",
  evolution: "#d62728",
  grid: "#8c564b",
  nsga2: "#e377c2",
  motpe: "#17becf",
  auto: "#bcbd22",
};

export function optimizerColor(name: string): string {
  const known = BY_NAME[name];
  if (known) return known;
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}
