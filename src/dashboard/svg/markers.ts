import { escapeHtml } from "./escape.js";

/** One point of a scatter, in pixels; `trial` makes it clickable (opens the trial's detail). */
export interface Marker {
  x: number;
  y: number;
  trial?: number;
  /** Hover text; a function, so a large study's points (drawn as one path, untitled) never build it. */
  title?: () => string;
}

/**
 * Above this many points a scatter is drawn as one path of round dots instead of one circle
 * per point: a 10,000-trial study then stays quick to send and to paint.
 */
export const MARKER_CAP = 2500;

/**
 * Scatter points: a `<circle data-trial>` each (with a hover title) up to `cap`, else a single
 * path whose zero-length segments paint as dots (not clickable).
 */
export function markers(points: readonly Marker[], style: { color: string; radius?: number; opacity?: number; stroke?: string; cap?: number }): string {
  const r = style.radius ?? 3;
  const opacity = style.opacity ?? 0.8;
  if (points.length <= (style.cap ?? MARKER_CAP)) {
    const stroke = style.stroke ? ` stroke="${style.stroke}"` : "";
    return points
      .map((p) => {
        const data = p.trial === undefined ? "" : ` data-trial="${p.trial}"`;
        const title = p.title ? `<title>${escapeHtml(p.title())}</title>` : "";
        return `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${r}" fill="${style.color}" fill-opacity="${opacity}"${stroke}${data}>${title}</circle>`;
      })
      .join("");
  }
  const d = points.map((p) => `M${p.x.toFixed(1)} ${p.y.toFixed(1)}h0`).join("");
  return `<path d="${d}" stroke="${style.color}" stroke-opacity="${opacity}" stroke-width="${2 * r}" stroke-linecap="round" fill="none"/>`;
}
