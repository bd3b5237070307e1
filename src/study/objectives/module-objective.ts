import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ValidationError } from "../../errors/index.js";
import type { ObjectiveFunction } from "../optimize.js";

/**
 * Loads `path#exportName` (default export when no `#`) as an objective. The export is
 * called as `evaluate(config, trial)`: `trial` has `number`, `fidelity`, `resumeFrom`, `signal`,
 * `report()`, `setUserAttr()`, `addCost()` and the define-by-run `suggest*` methods.
 * TypeScript files are loaded through tsx. `source`/`path` name where the reference came
 * from, for errors.
 */
export async function loadModuleObjective(
  reference: string,
  options: { baseDir?: string; source?: string; path?: (string | number)[] } = {},
): Promise<ObjectiveFunction> {
  const at = options.path ?? ["objective", "module"];
  const [file, exportName = "default"] = reference.split("#");
  const absolute = isAbsolute(file) ? file : resolve(options.baseDir ?? process.cwd(), file);
  if (!existsSync(absolute)) {
    throw new ValidationError([{ code: "not_found", path: at, message: `expected a module file, but ${absolute} does not exist` }], options.source);
  }
  const url = pathToFileURL(absolute).href;
  let module: Record<string, unknown>;
  try {
    if (/\.[cm]?tsx?$/.test(absolute)) {
      const { tsImport } = await import("tsx/esm/api");
      module = (await tsImport(url, import.meta.url)) as Record<string, unknown>;
    } else {
      module = (await import(url)) as Record<string, unknown>;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ValidationError([{ code: "module_error", path: at, message: `could not load ${absolute}: ${message}` }], options.source);
  }
  let fn = module[exportName];
  // A .ts file outside an ESM package loads as CommonJS: its default export is then one level down.
  const inner = (fn as { default?: unknown } | null | undefined)?.default;
  if (exportName === "default" && typeof fn === "object" && typeof inner === "function") fn = inner;
  if (typeof fn !== "function") {
    const found = Object.keys(module).join(", ") || "none";
    throw new ValidationError(
      [{ code: "invalid_export", path: at, message: `expected ${absolute} to export a function "${exportName}" (exports: ${found})` }],
      options.source,
    );
  }
  return (trial) => fn(trial.config, trial);
}
