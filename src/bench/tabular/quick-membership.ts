import type { Config, Param, Space, Value } from "../../space/index.js";
import { valuesInNameOrder } from "./config-values.js";

/**
 * A fast membership test for the configurations a tabular task must validate (every one
 * it does not find verbatim in its table): true only when `space.check(config)` would
 * report no issue, false when it finds a problem or is unsure. Callers fall back to
 * `space.validate` on false, which then throws with the issues or passes.
 *
 * `Space.check` words a message for each parameter up front (a JSON.stringify of each
 * value), which cost more than the nearest-row search itself. This test covers spaces
 * without conditional or text parameters; for others it returns null.
 */
export function quickMembership(space: Space): ((config: Config) => boolean) | null {
  const names = space.names;
  const params = names.map((name) => space.params[name]);
  if (params.some((param) => param.when !== undefined || param.type === "text" || param.type === "simplex")) return null;
  const accepts = params.map(acceptor);
  const values = names.map((): Value => null);
  return (config) => {
    if (valuesInNameOrder(config, names, values)) {
      for (let i = 0; i < names.length; i++) if (!accepts[i](values[i])) return false;
      return true;
    }
    // Keys in another order: exactly the space's parameters, as own enumerable keys, no missing or unknown one.
    let keys = 0;
    for (const key in config) if (Object.prototype.hasOwnProperty.call(config, key)) keys++;
    if (keys !== names.length) return false;
    for (let i = 0; i < names.length; i++) {
      if (!Object.prototype.propertyIsEnumerable.call(config, names[i])) return false;
      if (!accepts[i](config[names[i]])) return false;
    }
    return true;
  };
}

/** True for the values `checkValue` accepts for `param`, written so that any doubt (NaN bounds, say) rejects. */
function acceptor(param: Param): (value: Value) => boolean {
  switch (param.type) {
    case "categorical":
    case "ordinal": {
      const allowed = new Set<Value>(param.type === "categorical" ? param.choices : param.values);
      // A Set finds NaN where `===` (what checkValue uses) does not; NaN is never accepted here.
      return (value) => value === value && allowed.has(value);
    }
    case "int":
    case "float": {
      const { low, high } = param;
      const integer = param.type === "int";
      const step = param.step ?? (integer ? 1 : undefined);
      return (value) => {
        if (typeof value !== "number" || !Number.isFinite(value)) return false;
        if (integer && !Number.isInteger(value)) return false;
        if (!(value >= low && value <= high)) return false;
        if (step === undefined) return true;
        const k = (value - low) / step;
        return Math.abs(k - Math.round(k)) <= 1e-6;
      };
    }
    case "text":
    case "simplex":
      return () => false;
  }
}
