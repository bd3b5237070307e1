import { describe, expect, it } from "vitest";
import { EncodedHistory } from "../../../src/samplers/tpe/encoded-history.js";
import { parameterGroups } from "../../../src/samplers/tpe/parameter-groups.js";
import { Space, type Config } from "../../../src/space/index.js";
import { makeTrial } from "../../../src/testing/index.js";

const space = Space.parse({
  kind: { type: "categorical", choices: ["a", "b"] },
  x: { type: "float", low: 0, high: 1 },
  y: { type: "float", low: 0, high: 1, when: { kind: "b" } },
  z: { type: "int", low: 1, high: 3, when: { kind: "b" } },
  w: { type: "int", low: 1, high: 3, when: { z: 3 } },
});
const configs: Config[] = [
  { kind: "a", x: 0.1 },
  { kind: "b", x: 0.2, y: 0.5, z: 1 },
  { kind: "b", x: 0.3, y: 0.6, z: 3, w: 2 },
];
const trials = configs.map((config, number) => makeTrial({ number, config, values: [number] }));
const numbers = Int32Array.from([0, 1, 2]);

function history(): EncodedHistory {
  const encoded = new EncodedHistory(space);
  encoded.refresh(trials);
  return encoded;
}

const names = (groups: number[][]) => groups.map((group) => group.map((j) => space.names[j]));

describe("parameterGroups", () => {
  it("groups parameters active in the same trials (Optuna's group decomposition)", () => {
    expect(names(parameterGroups(history(), numbers, { multivariate: true, group: true, conditional: true }))).toEqual([["kind", "x"], ["y", "z"], ["w"]]);
  });

  it("without groups, models the always-active parameters jointly and the rest alone", () => {
    expect(names(parameterGroups(history(), numbers, { multivariate: true, group: false, conditional: true }))).toEqual([["kind", "x"], ["y"], ["z"], ["w"]]);
  });

  it("puts everything together in an unconditional space and everything apart when univariate", () => {
    expect(names(parameterGroups(history(), numbers, { multivariate: true, group: true, conditional: false }))).toEqual([["kind", "x", "y", "z", "w"]]);
    expect(names(parameterGroups(history(), numbers, { multivariate: false, group: true, conditional: true }))).toEqual([["kind"], ["x"], ["y"], ["z"], ["w"]]);
  });
});

describe("EncodedHistory", () => {
  it("encodes configs as model coordinates, NaN where inactive", () => {
    const encoded = history();
    const row = (n: number) => space.names.map((_, j) => encoded.value(n, j));
    expect(row(0)).toEqual([0, 0.1, NaN, NaN, NaN]);
    expect(row(2)).toEqual([1, 0.3, 0.6, 2, 1]);
  });

  it("re-encodes a trial whose record holds another config", () => {
    const encoded = history();
    encoded.refresh([trials[0], makeTrial({ number: 1, config: { kind: "a", x: 0.9 }, values: [1] })]);
    expect(encoded.value(1, 1)).toBe(0.9);
    expect(encoded.value(1, 2)).toBeNaN();
  });
});
