import { describe, expect, it } from "vitest";
import { GenerationLog } from "../../src/samplers/generation-log.js";

interface E {
  number: number;
}

/** A state that records what it was told: the list of generations, as trial numbers. */
type S = { generations: number[][]; previous: number[] };

function makeLog() {
  let tells = 0;
  const log = new GenerationLog<E, S>({ generations: [], previous: [] });
  const sync = (numbers: number[], size = 3) =>
    log.sync(
      numbers.map((number) => ({ number })),
      () => size,
      (state, generation, previousNumber) => {
        tells++;
        return { generations: [...state.generations, generation.map((e) => e.number)], previous: [...state.previous, previousNumber] };
      },
    );
  return { log, sync, tells: () => tells };
}

describe("GenerationLog", () => {
  it("cuts the entries into consecutive generations and waits for a full one", () => {
    const { log, sync, tells } = makeLog();
    expect(sync([0, 1]).generations).toEqual([]);
    expect(log.lastNumber).toBe(-1);
    const state = sync([0, 1, 2, 4, 5, 7, 8]);
    expect(state.generations).toEqual([
      [0, 1, 2],
      [4, 5, 7],
    ]);
    expect(state.previous).toEqual([-1, 2]);
    expect(log.lastNumber).toBe(7);
    expect(tells()).toBe(2);
  });

  it("tells only what is new on the next sync", () => {
    const { sync, tells } = makeLog();
    sync([0, 1, 2, 3, 4, 5]);
    expect(tells()).toBe(2);
    sync([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(tells()).toBe(2);
    sync([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(tells()).toBe(3);
  });

  it("rolls back when a lower-numbered entry appears late, matching a replay from scratch", () => {
    const { sync } = makeLog();
    sync([0, 1, 2, 4, 5, 6, 7, 8, 9]); // trial 3 still running
    const late = sync([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]); // trial 3 completed
    const fresh = makeLog().sync([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(late).toEqual(fresh);
    expect(late.generations).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ]);
  });

  it("replays from the start after a rollback deeper than the snapshots it keeps", () => {
    const { sync } = makeLog();
    const numbers = Array.from({ length: 200 }, (_, i) => i + 1); // trial 0 missing
    sync(numbers);
    const all = [0, ...numbers];
    expect(sync(all)).toEqual(makeLog().sync(all));
  });

  it("follows a generation size read from the state (e.g. a population that doubles)", () => {
    const log = new GenerationLog<E, number[][]>([]);
    const entries = Array.from({ length: 14 }, (_, number) => ({ number }));
    const state = log.sync(
      entries,
      (s) => 2 ** (s.length + 1),
      (s, generation) => [...s, generation.map((e) => e.number)],
    );
    expect(state).toEqual([
      [0, 1],
      [2, 3, 4, 5],
      [6, 7, 8, 9, 10, 11, 12, 13],
    ]);
  });

  it("rejects an empty generation size", () => {
    const log = new GenerationLog<E, number>(0);
    expect(() => log.sync([{ number: 0 }], () => 0, (s) => s + 1)).toThrow(/at least one trial/);
  });
});
