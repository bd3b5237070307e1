import type { StudySnapshot } from "./study-snapshot.js";

/**
 * Wraps a function of a snapshot so it runs once per snapshot: the views of one page share
 * what they derive (complete trials, parameters, cost names) instead of each walking 10,000
 * trials again. Keyed on the snapshot's trials array, which is new for every snapshot.
 */
export function perSnapshot<T>(derive: (snapshot: StudySnapshot) => T): (snapshot: StudySnapshot) => T {
  const cache = new WeakMap<object, T>();
  return (snapshot) => {
    let value = cache.get(snapshot.trials);
    if (value === undefined) {
      value = derive(snapshot);
      cache.set(snapshot.trials, value);
    }
    return value;
  };
}
