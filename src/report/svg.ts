/** Small SVG charts with no dependencies: line charts and a critical-difference diagram. */

import { optimizerColor } from "./palette.js";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface Series {
  name: string;
  points: [number, number][];
  /** An interval around each point, [low, high] at the same x: drawn as a shaded band. */
  band?: [number, number][];
}

/**
 * A line chart of several series; y in [0, 1] unless the data says otherwise. The x axis
 * spans the data widened to include 0 and 1, or `xRange` when given (for data far below 1,
 * such as a cost in dollars).
 */
export function lineChart(
  series: readonly Series[],
  options: { title: string; xLabel: string; yLabel: string; width?: number; height?: number; xRange?: [number, number] },
): string {
  const width = options.width ?? 560;
  const height = options.height ?? 300;
  const m = { left: 52, right: 130, top: 28, bottom: 40 };
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const x0 = options.xRange?.[0] ?? Math.min(...xs, 0);
  const x1 = options.xRange?.[1] ?? Math.max(...xs, 1);
  const y0 = Math.min(0, ...ys);
  const y1 = Math.max(1, ...ys);
  const px = (x: number) => m.left + ((x - x0) / (x1 - x0 || 1)) * (width - m.left - m.right);
  const py = (y: number) => height - m.bottom - ((y - y0) / (y1 - y0 || 1)) * (height - m.top - m.bottom);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<text x="${width / 2 - m.right / 2}" y="16" text-anchor="middle" font-size="13">${esc(options.title)}</text>`,
    `<line x1="${m.left}" y1="${py(y0)}" x2="${width - m.right}" y2="${py(y0)}" stroke="#444"/>`,
    `<line x1="${m.left}" y1="${py(y0)}" x2="${m.left}" y2="${py(y1)}" stroke="#444"/>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const y = y0 + ((y1 - y0) * i) / 4;
    parts.push(`<text x="${m.left - 6}" y="${py(y) + 4}" text-anchor="end">${Number(y.toPrecision(3))}</text>`);
    const x = x0 + ((x1 - x0) * i) / 4;
    parts.push(`<text x="${px(x)}" y="${height - m.bottom + 16}" text-anchor="middle">${Number(x.toPrecision(3))}</text>`);
  }
  parts.push(`<text x="${(m.left + width - m.right) / 2}" y="${height - 6}" text-anchor="middle">${esc(options.xLabel)}</text>`);
  parts.push(`<text x="14" y="${(m.top + height - m.bottom) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(m.top + height - m.bottom) / 2})">${esc(options.yLabel)}</text>`);
  series.forEach((s, i) => {
    const color = optimizerColor(s.name);
    if (s.band && s.band.length === s.points.length && s.points.length > 0) {
      const upper = s.points.map((p, j) => `${px(p[0]).toFixed(1)},${py(s.band![j][1]).toFixed(1)}`);
      const lower = s.points.map((p, j) => `${px(p[0]).toFixed(1)},${py(s.band![j][0]).toFixed(1)}`).reverse();
      parts.push(`<path d="M${[...upper, ...lower].join(" L")} Z" fill="${color}" fill-opacity="0.15" stroke="none" data-band="${esc(s.name)}"/>`);
    }
    if (s.points.length > 0) {
      const d = s.points.map((p, j) => `${j === 0 ? "M" : "L"}${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`).join(" ");
      parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.8"/>`);
    }
    const ly = m.top + 14 * i;
    parts.push(`<line x1="${width - m.right + 10}" y1="${ly}" x2="${width - m.right + 28}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    parts.push(`<text x="${width - m.right + 32}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}

/**
 * Demšar's critical-difference diagram: methods on an average-rank axis (1 = best, left),
 * with a bar joining each group whose ranks differ by less than the critical difference.
 */
export function criticalDifferenceDiagram(ranks: Record<string, number>, cd: number, options: { width?: number; fontSize?: number } = {}): string {
  const names = Object.keys(ranks).sort((a, b) => ranks[a] - ranks[b]);
  const k = names.length;
  const width = options.width ?? 560;
  const font = options.fontSize ?? 11;
  // Vertical spacing grows with the font, so a larger diagram stays readable.
  const unit = font / 11;
  const step = 16 * unit;
  const axisY = 30 * unit;
  const height = Math.round(70 * unit + step * k);
  const left = 40;
  const right = width - 40;
  const px = (r: number) => left + ((r - 1) / Math.max(1, k - 1)) * (right - left);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="${font}">`,
    `<line x1="${left}" y1="${axisY}" x2="${right}" y2="${axisY}" stroke="#444"/>`,
  ];
  for (let r = 1; r <= k; r++) parts.push(`<line x1="${px(r)}" y1="${axisY - 4}" x2="${px(r)}" y2="${axisY + 4}" stroke="#444"/><text x="${px(r)}" y="${axisY - 8}" text-anchor="middle">${r}</text>`);
  parts.push(`<line x1="${left}" y1="${10 * unit}" x2="${px(1 + cd)}" y2="${10 * unit}" stroke="#000" stroke-width="2"/><text x="${px(1 + cd) + 6}" y="${14 * unit}">CD = ${cd.toFixed(2)}</text>`);
  names.forEach((name, i) => {
    const y = 58 * unit + step * i;
    const x = px(ranks[name]);
    parts.push(`<line x1="${x}" y1="${axisY}" x2="${x}" y2="${y}" stroke="#888"/>`);
    parts.push(`<text x="${x + 4}" y="${y + 4 * unit}">${esc(name)} (${ranks[name].toFixed(2)})</text>`);
  });
  // Groups not told apart: maximal runs of methods within cd of the first.
  let row = 0;
  for (let i = 0; i < k; i++) {
    let j = i;
    while (j + 1 < k && ranks[names[j + 1]] - ranks[names[i]] < cd) j++;
    if (j > i && (i === 0 || ranks[names[j]] - ranks[names[i - 1]] >= cd)) {
      const y = axisY + 8 * unit + 5 * unit * row++;
      parts.push(`<line x1="${px(ranks[names[i]]) - 3}" y1="${y}" x2="${px(ranks[names[j]]) + 3}" y2="${y}" stroke="#000" stroke-width="3"/>`);
    }
  }
  parts.push("</svg>");
  return parts.join("\n");
}
