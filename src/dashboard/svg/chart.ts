import { escapeHtml } from "./escape.js";
import type { Scale } from "./scale.js";

/** The plotting rectangle inside an SVG, in pixels. */
export interface PlotArea {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Where the data goes in a `width` x `height` chart, leaving room for the title, ticks and labels. */
export function plotArea(width = 560, height = 300, margin: Partial<{ left: number; right: number; top: number; bottom: number }> = {}): PlotArea {
  const m = { left: 60, right: 16, top: 46, bottom: 42, ...margin };
  return { width, height, left: m.left, right: width - m.right, top: m.top, bottom: height - m.bottom };
}

/**
 * The opening tag of a chart. `attributes` become data attributes (e.g. `points` becomes
 * `data-points`), which tests and the page script read.
 */
export function svgOpen(width: number, height: number, attributes: Record<string, string | number> = {}): string {
  const data = Object.entries(attributes)
    .map(([key, value]) => ` data-${key}="${escapeHtml(String(value))}"`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui,sans-serif" font-size="11" class="chart"${data}>`;
}

/** Title, axes, grid lines, tick labels and axis labels of a chart. */
export function axes(area: PlotArea, x: Scale, y: Scale, labels: { title: string; xLabel: string; yLabel: string }): string {
  const parts: string[] = [];
  const mid = (area.left + area.right) / 2;
  parts.push(`<text x="${mid}" y="16" text-anchor="middle" font-size="13" font-weight="600">${escapeHtml(labels.title)}</text>`);
  for (const t of y.ticks) {
    const py = y.at(t).toFixed(1);
    parts.push(`<line x1="${area.left}" y1="${py}" x2="${area.right}" y2="${py}" stroke="#eee"/>`);
    parts.push(`<text x="${area.left - 6}" y="${Number(py) + 4}" text-anchor="end">${escapeHtml(y.label(t))}</text>`);
  }
  for (const t of x.ticks) {
    const px = x.at(t).toFixed(1);
    parts.push(`<line x1="${px}" y1="${area.bottom}" x2="${px}" y2="${area.bottom + 4}" stroke="#444"/>`);
    parts.push(`<text x="${px}" y="${area.bottom + 16}" text-anchor="middle">${escapeHtml(x.label(t))}</text>`);
  }
  parts.push(`<line x1="${area.left}" y1="${area.bottom}" x2="${area.right}" y2="${area.bottom}" stroke="#444"/>`);
  parts.push(`<line x1="${area.left}" y1="${area.top}" x2="${area.left}" y2="${area.bottom}" stroke="#444"/>`);
  parts.push(`<text x="${mid}" y="${area.height - 6}" text-anchor="middle">${escapeHtml(labels.xLabel)}</text>`);
  const cy = (area.top + area.bottom) / 2;
  parts.push(`<text x="14" y="${cy}" text-anchor="middle" transform="rotate(-90 14 ${cy})">${escapeHtml(labels.yLabel)}</text>`);
  return parts.join("");
}

/**
 * A legend as one row in the margin above the plot (so it never hides data), right-aligned
 * or left-aligned: a dot, line or band per entry.
 */
export function legend(area: PlotArea, items: readonly { label: string; color: string; kind: "dot" | "line" | "band" }[], corner: "left" | "right" = "right"): string {
  if (items.length === 0) return "";
  const widths = items.map((item) => 24 + item.label.length * 6);
  const total = widths.reduce((a, b) => a + b, 0);
  let x = corner === "right" ? area.right - total : area.left;
  const y = area.top - 8;
  const parts: string[] = [];
  items.forEach((item, i) => {
    if (item.kind === "dot") parts.push(`<circle cx="${x + 7}" cy="${y - 3}" r="3.5" fill="${item.color}"/>`);
    else if (item.kind === "band") parts.push(`<rect x="${x}" y="${y - 8}" width="14" height="9" fill="${item.color}" fill-opacity="0.25" stroke="${item.color}"/>`);
    else parts.push(`<line x1="${x}" y1="${y - 3}" x2="${x + 14}" y2="${y - 3}" stroke="${item.color}" stroke-width="2"/>`);
    parts.push(`<text x="${x + 18}" y="${y}">${escapeHtml(item.label)}</text>`);
    x += widths[i];
  });
  return parts.join("");
}

/** An SVG path through points (pixels), skipping non-finite ones by starting a new segment. */
export function polylinePath(points: readonly (readonly [number, number])[]): string {
  let d = "";
  let pen = false;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** A message in place of a chart when there is nothing to plot yet. */
export function emptyNote(message: string): string {
  return `<p class="empty">${escapeHtml(message)}</p>`;
}
