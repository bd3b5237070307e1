import { z } from "zod";

/**
 * An optional option whose bad values are worded `expected <expected>, received <value>` by
 * parseOptions, e.g. `option(z.number().int().min(1), "a positive integer")`.
 */
export function option<T extends z.ZodType>(schema: T, expected: string): z.ZodOptional<T> {
  return schema.optional().describe(expected);
}

/** The `seed` option every optimizer takes. */
export const seedOption = option(z.number().int(), "an integer");

/** An on/off option. */
export const switchOption = option(z.boolean(), "true or false");

/** An integer option >= min, worded as `expected`. */
export function integerOption(min: number, expected: string): z.ZodOptional<z.ZodNumber> {
  return option(z.number().int().min(min), expected);
}

/** A number option from 0 to 1. */
export const probabilityOption = option(z.number().min(0).max(1), "a number from 0 to 1");
