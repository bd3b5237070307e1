import type { Config } from "../space/index.js";

/** Keys already computed, by config object: schedulers key every trial at every ask. */
const cache = new WeakMap<Config, string>();

/**
 * A canonical string for a configuration (keys sorted), so two trials of the same
 * configuration at different fidelities are recognised as one candidate. Cached per config
 * object, so a config must not be mutated after its key is taken (trial records never are).
 */
export function configKey(config: Config | null): string {
  if (config === null) return "null";
  let key = cache.get(config);
  if (key === undefined) {
    const names = Object.keys(config).sort();
    key = JSON.stringify(names.map((name) => [name, config[name]]));
    cache.set(config, key);
  }
  return key;
}
