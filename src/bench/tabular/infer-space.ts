import { Space, type Param, type SpaceDefinition, type Value } from "../../space/index.js";

/** A numeric column with at most this many distinct values becomes an ordinal parameter. */
export const MAX_ORDINAL_VALUES = 8;
/** A positive numeric column spanning at least this ratio (max / min) is put on a log scale. */
export const LOG_RATIO = 100;

/** The space inferred from a table's config columns, and the constant columns left out of it. */
export interface InferredSpace {
  space: Space;
  /** Columns with a single value: not a choice, so not a parameter. */
  fixed: Record<string, Value>;
}

/**
 * Infers a search space from the values observed in each config column:
 * - a column with one distinct value is constant and left out (returned in `fixed`);
 * - all numbers, at most 8 distinct: `ordinal` over the sorted values (the table only
 *   has those values, and their order still means something);
 * - all numbers, more distinct values: `int` if all are integers else `float`, from the
 *   minimum to the maximum, with `log: true` when min > 0 and max / min >= 100;
 * - anything else (booleans, text, null for "not set", a mix): `categorical` over the
 *   distinct values (null first, then false/true, numbers ascending, text ascending).
 */
export function inferSpace(columns: ReadonlyMap<string, readonly Value[]>): InferredSpace {
  const definition: SpaceDefinition = {};
  const fixed: Record<string, Value> = {};
  for (const [name, values] of columns) {
    const distinct = sortValues([...new Set(values)]);
    if (distinct.length <= 1) {
      fixed[name] = distinct[0] ?? null;
      continue;
    }
    definition[name] = inferParam(distinct);
  }
  return { space: Space.parse(definition), fixed };
}

function inferParam(distinct: Value[]): Param {
  if (!distinct.every((v) => typeof v === "number")) return { type: "categorical", choices: distinct };
  const numbers = distinct as number[];
  if (numbers.length <= MAX_ORDINAL_VALUES) return { type: "ordinal", values: numbers };
  const low = numbers[0];
  const high = numbers[numbers.length - 1];
  const log = low > 0 && high / low >= LOG_RATIO;
  const type = numbers.every(Number.isInteger) ? "int" : "float";
  return log ? { type, low, high, log: true } : { type, low, high };
}

const KIND_ORDER = { object: 0, boolean: 1, number: 2, string: 3 } as Record<string, number>;

/** Sorts values: null, booleans, numbers ascending, strings ascending. */
function sortValues(values: Value[]): Value[] {
  return values.sort((a, b) => {
    const ka = KIND_ORDER[typeof a];
    const kb = KIND_ORDER[typeof b];
    if (ka !== kb) return ka - kb;
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "boolean") return Number(a) - Number(b);
    return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  });
}
