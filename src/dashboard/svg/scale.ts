import { formatNumber } from "./format.js";

/** Maps data values to pixels along one axis, with tick positions and labels. */
export interface Scale {
  readonly kind: "linear" | "log" | "band";
  at(value: number): number;
  readonly ticks: readonly number[];
  label(value: number): string;
}

/** Round tick values (1, 2 or 5 times a power of ten) covering [low, high]. */
export function niceTicks(low: number, high: number, count = 5): number[] {
  if (!(high > low)) return [low];
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(low / step - 1e-9) * step; t <= high + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/**
 * The [min, max] of finite values, widened by `pad` of the span on each side; a single value
 * gets a unit-wide window so it still plots in the middle.
 */
export function paddedExtent(values: Iterable<number>, pad = 0.05): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (low === Infinity) return [0, 1];
  if (low === high) {
    const half = Math.abs(low) > 0 ? Math.abs(low) * 0.1 : 0.5;
    return [low - half, high + half];
  }
  const span = high - low;
  return [low - pad * span, high + pad * span];
}

/** A linear scale from `domain` to `range` (pixels; range may run backwards for y). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number], tickCount = 5): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return {
    kind: "linear",
    at: (value) => r0 + ((value - d0) / span) * (r1 - r0),
    ticks: niceTicks(d0, d1, tickCount),
    label: formatNumber,
  };
}

/** A log10 scale; the domain must be positive. Ticks at powers of ten (and 2, 5 when few). */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const l0 = Math.log10(domain[0]);
  const l1 = Math.log10(domain[1]);
  const [r0, r1] = range;
  const span = l1 - l0 || 1;
  const ticks: number[] = [];
  const decades = Math.floor(l1) - Math.ceil(l0);
  for (let e = Math.floor(l0); e <= Math.ceil(l1); e++) {
    for (const m of decades < 3 ? [1, 2, 5] : [1]) {
      const t = m * 10 ** e;
      if (t >= domain[0] * (1 - 1e-9) && t <= domain[1] * (1 + 1e-9)) ticks.push(t);
    }
  }
  return { kind: "log", at: (value) => r0 + ((Math.log10(value) - l0) / span) * (r1 - r0), ticks, label: formatNumber };
}

/** Evenly spaced slots for `labels` (categories, fidelity levels): value i sits in slot i. */
export function bandScale(labels: readonly string[], range: readonly [number, number]): Scale {
  const [r0, r1] = range;
  const n = Math.max(1, labels.length);
  return {
    kind: "band",
    at: (index) => r0 + ((index + 0.5) / n) * (r1 - r0),
    ticks: labels.map((_, i) => i),
    label: (index) => labels[index] ?? "",
  };
}

/**
 * A scale for values: log when they are all positive and span more than three decades
 * (losses, dollars), else linear; padded so points do not sit on the frame.
 */
export function autoScale(values: readonly number[], range: readonly [number, number], options: { log?: boolean } = {}): Scale {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const positive = lo > 0 && lo !== Infinity;
  if (positive && (options.log ?? hi / lo > 1000)) {
    const pad = lo === hi ? 2 : (hi / lo) ** 0.05;
    return logScale([lo / pad, hi * pad], range);
  }
  return linearScale(paddedExtent(values), range);
}
