/** The one palette of reports and the dashboard (report/palette.ts), and the colour of each optimizer. */
export { optimizerColor, PALETTE } from "../../report/index.js";

/** Colour of a trial state in tables and plots. */
export const STATE_COLORS: Record<string, string> = {
  complete: "#1f77b4",
  running: "#2ca02c",
  queued: "#7f7f7f",
  pruned: "#ff7f0e",
  failed: "#d62728",
};

// Viridis at five stops: dark (0) to light (1).
const RAMP: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** A colour on a perceptually even ramp; t = 0 is darkest (used for the best trials). */
export function rampColor(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 1)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const channel = (c: number) => Math.round(RAMP[i][c] + f * (RAMP[i + 1][c] - RAMP[i][c]));
  return `rgb(${channel(0)},${channel(1)},${channel(2)})`;
}
