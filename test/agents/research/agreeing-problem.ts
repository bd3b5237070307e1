import { float, ordinal, Space, type Config } from "../../../src/space/index.js";

/**
 * A small test problem whose cheap levels rank configurations exactly like the top level
 * (the value is shifted by a constant per level): minimize (x - 0.3)^2 + (y - 0.6)^2.
 * Levels small / medium / large cost 0.01 / 0.1 / 1 usd.
 */
export const agreeingSpace = Space.parse({ x: float(0, 1), y: float(0, 1) });
export const agreeingFidelity = { size: ordinal(["small", "medium", "large"]) };
const SHIFT: Record<string, number> = { small: 0.2, medium: 0.1, large: 0 };
const COST: Record<string, number> = { small: 0.01, medium: 0.1, large: 1 };

export function evaluateAgreeing(config: Config, fidelity: Config | null): { values: number[]; cost: { usd: number } } {
  const size = (fidelity?.size as string) ?? "large";
  const x = config.x as number;
  const y = config.y as number;
  return { values: [(x - 0.3) ** 2 + (y - 0.6) ** 2 + SHIFT[size]], cost: { usd: COST[size] } };
}
