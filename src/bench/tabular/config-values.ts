import type { Config, Value } from "../../space/index.js";

/**
 * Copies the values of `config` into `out` in the order of `names` and returns true when the
 * config's own enumerable keys are exactly `names`, in that order: the usual case, since
 * samplers and `Space.sample` build configs in name order. Returns false otherwise (a key
 * missing, extra or out of order), with `out` partly written; callers then read by name.
 *
 * Reading values inside a for-in over the object's own keys is several times faster than
 * reading them by name (each name a different key at the same load site), and the key count
 * and order come with it for free.
 */
export function valuesInNameOrder(config: Config, names: readonly string[], out: (Value | undefined)[]): boolean {
  let k = 0;
  for (const key in config) {
    // An enumerable key inherited from a prototype is not the config's own: skip it, as reading by name would not.
    if (!Object.prototype.hasOwnProperty.call(config, key)) continue;
    if (key !== names[k]) return false;
    out[k++] = config[key];
  }
  return k === names.length;
}
