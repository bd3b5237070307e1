import { Space, type Config } from "../../src/space/index.js";

/**
 * The TPE overhead bench's problem, also one of the problems whose TPE trajectories the
 * tests pin (test/samplers/fixtures/tpe-golden-cases.ts): a 4-parameter mixed space
 * (2 floats, 1 int, 1 categorical) and two objectives on it.
 */
export const tpeBenchSpace = Space.parse({
  x: { type: "float", low: -5, high: 5 },
  lr: { type: "float", low: 1e-5, high: 1e-1, log: true },
  k: { type: "int", low: 1, high: 32 },
  kind: { type: "categorical", choices: ["a", "b", "c", "d"] },
});

/** Two losses on tpeBenchSpace; single-objective runs use the first. */
export function tpeBenchObjectives(config: Config): number[] {
  const x = config.x as number;
  const lr = Math.log10(config.lr as number);
  const k = config.k as number;
  const base = (x - 1) ** 2 + (lr + 3) ** 2 + ((k - 12) / 8) ** 2 + (config.kind === "c" ? 0 : 1);
  return [base, Math.abs(x + 2) + (config.kind === "a" ? 0 : 0.5)];
}
