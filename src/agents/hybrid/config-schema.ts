import { z } from "zod";
import { snapToStep, type Config, type Param, type Space, type Value } from "../../space/index.js";

/**
 * The zod schema of a configuration of `space`, as the model writes it: numbers (their bounds
 * in the JSON schema, for providers that enforce them; a value outside is clamped by
 * `completeConfig`, since grammar-constrained local runtimes do not enforce bounds),
 * categorical and ordinal values among their choices, every parameter optional (a conditional
 * one may be inactive; a missing active one is filled from the classical proposal).
 */
export function configSchema(space: Space): z.ZodType<Record<string, Value>> {
  const shape: Record<string, z.ZodType<Value>> = {};
  for (const [name, param] of Object.entries(space.toJSON())) shape[name] = valueSchema(param).optional() as z.ZodType<Value>;
  return z.object(shape).strict() as unknown as z.ZodType<Record<string, Value>>;
}

function valueSchema(param: Param): z.ZodType<Value> {
  switch (param.type) {
    case "float":
      return z.number().meta({ minimum: param.low, maximum: param.high });
    case "int":
      return z.number().meta({ type: "integer", minimum: param.low, maximum: param.high });
    case "categorical":
      return literals(param.choices);
    case "ordinal":
      return literals(param.values);
    case "text":
      return z.string();
    default:
      return z.unknown() as z.ZodType<Value>;
  }
}

function literals(values: readonly Value[]): z.ZodType<Value> {
  const [first, ...rest] = values.map((value) => z.literal(value as string | number | boolean | null));
  return (rest.length === 0 ? first : z.union([first!, ...rest])) as z.ZodType<Value>;
}

/**
 * The model's configuration made whole: in declaration order, inactive parameters dropped,
 * active ones it left out taken from the classical proposal (named in `filled`), numbers
 * clamped into their bounds (named in `clamped`) and snapped to their step (integers rounded).
 * Null when the result still does not belong to the space.
 */
export function completeConfig(space: Space, written: Record<string, Value>, classical: Config): { config: Config; filled: string[]; clamped: string[] } | null {
  const params = space.toJSON();
  const config: Config = {};
  const filled: string[] = [];
  const clamped: string[] = [];
  for (const name of space.names) {
    if (!space.isActive(name, config)) continue;
    const param = params[name]!;
    let value = Object.hasOwn(written, name) ? written[name]! : undefined;
    if (value === undefined) {
      if (!Object.hasOwn(classical, name)) return null;
      value = classical[name]!;
      filled.push(name);
    }
    if (typeof value === "number" && (param.type === "int" || param.type === "float")) {
      const inside = Math.min(param.high, Math.max(param.low, value));
      if (inside !== value) clamped.push(name);
      const step = param.type === "int" ? (param.step ?? 1) : param.step;
      value = step === undefined ? inside : Math.min(param.high, snapToStep(inside, param.low, step));
    }
    config[name] = value;
  }
  return space.check(config).length === 0 ? { config, filled, clamped } : null;
}
