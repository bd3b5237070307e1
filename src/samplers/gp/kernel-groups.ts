import type { Space } from "../../space/index.js";
import type { KernelGroups } from "./conditional-kernel.js";

/**
 * The conditional kernel's groups of a space, in `space.names` order: parameters without
 * `when` in group 0, and one group per distinct `when` (parameters with the same condition
 * are always active together). Null for a space without conditions.
 */
export function kernelGroupsOf(space: Space): KernelGroups | null {
  if (!space.isConditional) return null;
  const keys: string[] = [];
  const leaders: number[] = [];
  const of = Int32Array.from(space.names, (name, c) => {
    const when = space.params[name].when;
    if (!when) return 0;
    const key = JSON.stringify(
      Object.keys(when)
        .sort()
        .map((parent) => [parent, [when[parent]].flat().map((value) => JSON.stringify(value)).sort()]),
    );
    let g = keys.indexOf(key);
    if (g < 0) {
      g = keys.push(key) - 1;
      leaders.push(c);
    }
    return g + 1;
  });
  return { of, count: keys.length, leaders: Int32Array.from(leaders) };
}
