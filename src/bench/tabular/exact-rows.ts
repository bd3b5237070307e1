import type { Config, Value } from "../../space/index.js";
import { valuesInNameOrder } from "./config-values.js";

/**
 * Groups rows by their exact configuration: two configurations are equal when every named
 * parameter holds the same value (SameValueZero: `0` equals `-0`, `NaN` equals `NaN`, and a
 * string never equals a number) or is absent from both.
 *
 * A lookup hashes the values into a 32-bit number instead of building a string key
 * (formatting floats dominated the old string keys), then confirms the candidates value by
 * value, so hash collisions cost time but never a wrong answer.
 */
export class ExactRows {
  private readonly names: readonly string[];
  /** Every string that occurs as a value in some row, with a small id to hash. */
  private readonly stringIds = new Map<string, number>();
  private readonly buckets = new Map<number, RowGroup[]>();
  /** Scratch for the values of the config being hashed, in name order (see valuesInNameOrder). */
  private readonly values: (Value | undefined)[];

  constructor(names: readonly string[], configs: readonly Config[], rowIds: readonly number[]) {
    this.names = names;
    this.values = names.map((): Value | undefined => undefined);
    for (const rowId of rowIds) {
      const values = this.read(configs[rowId]).slice();
      for (const value of values) {
        if (typeof value === "string" && !this.stringIds.has(value)) this.stringIds.set(value, this.stringIds.size);
      }
      const hash = this.hash(values);
      let bucket = this.buckets.get(hash);
      if (!bucket) this.buckets.set(hash, (bucket = []));
      const group = bucket.find((candidate) => sameValues(candidate.values, values));
      if (group) group.rowIds.push(rowId);
      else bucket.push({ values, rowIds: [rowId] });
    }
  }

  /** Ids of the rows recorded with exactly this configuration (in the order of `rowIds`), or undefined. */
  get(config: Config): readonly number[] | undefined {
    const values = this.read(config);
    const hash = this.hash(values);
    if (hash === NO_ROW) return undefined;
    const bucket = this.buckets.get(hash);
    if (!bucket) return undefined;
    for (const group of bucket) if (sameValues(group.values, values)) return group.rowIds;
    return undefined;
  }

  /** The named values of `config` (undefined for an absent one), in a scratch array reused by the next call. */
  private read(config: Config): (Value | undefined)[] {
    const values = this.values;
    if (!valuesInNameOrder(config, this.names, values)) {
      for (let i = 0; i < this.names.length; i++) values[i] = config[this.names[i]];
    }
    return values;
  }

  /** Hash of the values; NO_ROW when one is a string no row holds. */
  private hash(values: readonly (Value | undefined)[]): number {
    let hash = 0x811c9dc5;
    for (let i = 0; i < values.length; i++) {
      const part = this.valueHash(values[i]);
      if (part === NO_ROW) return NO_ROW;
      hash = Math.imul(hash ^ part, 0x01000193) ^ (i + 1);
    }
    // Keep clear of the sentinel whatever the values are.
    return hash === NO_ROW ? NO_ROW + 1 : hash;
  }

  /** Hash of one value: NO_ROW only for a string that no row holds. */
  private valueHash(value: Value | undefined): number {
    let hash: number;
    switch (typeof value) {
      case "number":
        hash = numberHash(value);
        break;
      case "string": {
        const id = this.stringIds.get(value);
        if (id === undefined) return NO_ROW;
        hash = Math.imul(id + 1, 0x27d4eb2d);
        break;
      }
      case "boolean":
        hash = value ? 0x3c6ef372 : 0x1b873593;
        break;
      case "undefined":
        hash = 0x68e31da4;
        break;
      case "object":
        if (value !== null) {
          // The weights of a simplex: hashed component by component, in key order.
          hash = 0x2545f491;
          for (const [component, weight] of Object.entries(value)) hash = Math.imul(hash ^ numberHash(weight), 0x01000193) ^ component.length;
          break;
        }
        hash = 0x5bd1e995;
        break;
      default:
        // null, and anything else a caller passes: `sameValues` compares it exactly.
        hash = 0x5bd1e995;
    }
    return hash === NO_ROW ? 0 : hash;
  }
}

interface RowGroup {
  /** The first row's values in name order, to confirm a hash match. */
  values: readonly (Value | undefined)[];
  rowIds: number[];
}

/** A hash no config of the table can have (a string value no row holds). */
const NO_ROW = -1;

const float = new Float64Array(1);
const words = new Int32Array(float.buffer);

function numberHash(value: number): number {
  // -0 and every NaN hash like 0 and the canonical NaN, since they compare equal.
  float[0] = value === 0 ? 0 : value;
  if (value !== value) float[0] = NaN;
  return Math.imul(words[0] ^ Math.imul(words[1], 0x85ebca6b), 0xc2b2ae35);
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (!sameValueZero(a[i], b[i])) return false;
  return true;
}

function sameValueZero(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b) || sameWeights(a, b);
}

/** Two simplex values with the same components in the same order and equal weights. */
function sameWeights(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const entriesA = Object.entries(a);
  const entriesB = Object.entries(b);
  return entriesA.length === entriesB.length && entriesA.every(([key, value], i) => entriesB[i][0] === key && sameValueZero(value, entriesB[i][1]));
}
