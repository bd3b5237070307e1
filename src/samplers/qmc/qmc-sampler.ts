import { rngFor } from "../../math/index.js";
import { z } from "zod";
import { parseOptions, seedOption, switchOption } from "../../errors/index.js";
import type { Proposal, Sampler, SamplerContext } from "../spec.js";
import { SOBOL_MAX_DIMENSION } from "./sobol-directions.js";
import { SobolSequence } from "./sobol-sequence.js";
import { withSimplexCoordinates } from "../simplex-coordinates.js";

export interface QmcSamplerOptions {
  /** Seeds the scramble and the uniform draws of dimensions past the table (default 0). */
  seed?: number;
  /**
   * Linear matrix scramble plus random digital shift (default true). Unscrambled, the
   * sequence is the plain Sobol sequence and trial 0 is the all-lows corner of the space.
   */
  scramble?: boolean;
}

/** The options `qmcSampler` takes. */
export const qmcOptionsSchema = z.strictObject({ seed: seedOption, scramble: switchOption });

/**
 * Quasi-random search: proposes the points of a Sobol low-discrepancy sequence (Sobol 1967;
 * direction numbers of Joe & Kuo 2008, `new-joe-kuo-6.21201`), mapped to configurations by
 * `space.decode`. Covers the space more evenly than random search for the same budget and
 * needs no history. Trial n gets point n of the sequence, so a resumed study, parallel
 * workers and ask/tell walk the same sequence; budgets that are powers of two balance best.
 *
 * Coordinate i drives `space.names[i]`; a parameter that a condition makes inactive leaves
 * its coordinate unused. The first 128 parameters follow the sequence; any beyond that get
 * seeded uniform draws, since the bundled table stops at 128 dimensions.
 *
 * Scrambling is Matoušek's linear matrix scramble with a random digital shift (as in scipy's
 * `qmc.Sobol`): it keeps the net structure while making each point uniform over the cube.
 *
 * @example
 * const study = await createStudy({ name: "qmc-demo", storage: "memory:", space, direction: "minimize",
 *   sampler: qmcSampler({ seed: 1 }) });
 * await study.optimize(objective, { budget: { trials: 64 } });
 */
export function qmcSampler(options: QmcSamplerOptions = {}): Sampler {
  parseOptions(qmcOptionsSchema, options, "qmc sampler");
  const seed = options.seed ?? 0;
  const scramble = options.scramble ?? true;
  let sequence: SobolSequence | null = null;

  return withSimplexCoordinates({
    name: "qmc",
    seed,
    doAsk(ctx: SamplerContext): Proposal {
      const size = ctx.space.size;
      const sobolDimensions = Math.min(size, SOBOL_MAX_DIMENSION);
      if (!sequence || sequence.dimensions < sobolDimensions) {
        sequence = new SobolSequence({ dimensions: sobolDimensions, scramble, seed });
      }
      const point = new Float64Array(size);
      point.set(sequence.point(ctx.trialNumber).subarray(0, sobolDimensions));
      if (size > sobolDimensions) {
        const rng = rngFor(seed, "qmc-extra", ctx.trialNumber);
        for (let i = sobolDimensions; i < size; i++) point[i] = rng.random();
      }
      return { config: ctx.space.decode(point) };
    },
  }, "stick-breaking");
}
