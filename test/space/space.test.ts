import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors/index.js";
import { Rng } from "../../src/math/index.js";
import { categorical, float, int, ordinal, Space, type SpaceDefinition } from "../../src/space/index.js";

const rag: SpaceDefinition = {
  chunk_size: { type: "int", low: 128, high: 2048, log: true },
  overlap: { type: "int", low: 0, high: 256, step: 16 },
  retriever: { type: "categorical", choices: ["bm25", "dense", "hybrid"] },
  alpha: { type: "float", low: 0, high: 1, when: { retriever: "hybrid" } },
  top_k: { type: "int", low: 1, high: 20 },
  temperature: { type: "float", low: 0, high: 1, step: 0.1 },
  lr: { type: "float", low: 1e-5, high: 1e-1, log: true },
  size: { type: "ordinal", values: ["0.5B", "3B", "7B"] },
  depth: { type: "int", low: 1, high: 4, when: { retriever: ["dense", "hybrid"], size: "7B" } },
};

function errorOf(input: unknown): ValidationError {
  const result = Space.safeParse(input, { source: "space.json" });
  if (result.success) throw new Error("expected a validation error");
  return result.error;
}

describe("Space.parse", () => {
  it("accepts the DESIGN.md format and keeps declaration order in toJSON", () => {
    const space = Space.parse(rag);
    expect(Object.keys(space.toJSON())).toEqual(Object.keys(rag));
    expect(Space.parse(JSON.parse(JSON.stringify(space.toJSON()))).toJSON()).toEqual(rag);
    expect(space.isConditional).toBe(true);
  });

  it("orders parameters so that conditions come after their parents", () => {
    const space = Space.parse({ a: { type: "float", low: 0, high: 1, when: { b: "x" } }, b: { type: "categorical", choices: ["x", "y"] } });
    expect(space.names).toEqual(["b", "a"]);
  });

  it("builds the same space from TypeScript builders", () => {
    const space = Space.parse({ x: float(0, 1), k: int(1, 8, { log: true }), c: categorical(["a", "b"]), o: ordinal([1, 2, 3]) });
    expect(space.toJSON().k).toEqual({ type: "int", low: 1, high: 8, log: true });
  });

  it.each([
    [{ x: { type: "normal", low: 0, high: 1 } }, 'space.json: x.type: unknown parameter type "normal": expected one of float, int, categorical, ordinal, text, simplex'],
    [{ x: { type: "float", low: 2, high: 1 } }, "space.json: x.low: low <= high must hold, but got low=2, high=1"],
    [{ x: { type: "float", low: 0, high: 1, log: true } }, "space.json: x.low: log scale needs low > 0, but got low=0"],
    [{ x: { type: "int", low: 0.5, high: 3 } }, "space.json: x.low: expected an integer, received 0.5"],
    [{ x: { type: "categorical", choices: [] } }, "space.json: x.choices: expected a non-empty list of values, received []"],
    [{ x: { type: "float", low: 0, high: 1, when: { y: "a" } } }, 'space.json: x.when.y: "when" names unknown parameter "y": expected one of (no other parameter)'],
    [{ c: { type: "categorical", choices: ["a"] }, x: { type: "float", low: 0, high: 1, when: { c: "b" } } }, 'space.json: x.when.c: value "b" is not a choice of "c": expected one of ["a"]'],
    [{ x: { type: "float", low: 0, high: 1, step: 0.3 } }, "space.json: x.high: high - low must be a multiple of step, but got low=0, high=1, step=0.3"],
    [{ x: { type: "float", low: 0, high: 1, lg: true } }, 'space.json: x.lg: unknown key "lg" for a float parameter: expected one of type, low, high, log, step, when'],
    [[1, 2], "space.json: (root): expected an object of parameters, received [1,2]"],
  ])("rejects %j with a message naming file, path and expectation", (input, message) => {
    expect(errorOf(input).message).toBe(message);
  });

  it("rejects cycles of conditions", () => {
    const error = errorOf({
      a: { type: "categorical", choices: [1, 2], when: { b: 1 } },
      b: { type: "categorical", choices: [1, 2], when: { a: 1 } },
    });
    expect(error.issues.some((i) => i.message.startsWith("conditions form a cycle"))).toBe(true);
  });

  it("collects every issue, not just the first", () => {
    const error = errorOf({ x: { type: "float", low: 2, high: 1 }, y: { type: "int" } });
    expect(error.issues.map((i) => i.path.join("."))).toEqual(["x.low", "y.low", "y.high"]);
  });
});

describe("Space sampling and encoding", () => {
  const space = Space.parse(rag);

  it("samples valid configurations where inactive parameters are absent (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const config = space.sample(new Rng(seed));
        expect(space.check(config)).toEqual([]);
        expect("alpha" in config).toBe(config.retriever === "hybrid");
        expect("depth" in config).toBe(config.retriever !== "bm25" && config.size === "7B");
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips every sampled configuration through encode/decode (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const config = space.sample(new Rng(seed));
        const point = space.encode(config);
        for (let i = 0; i < point.length; i++) {
          const inactive = !(space.names[i] in config);
          expect(Number.isNaN(point[i])).toBe(inactive);
          if (!inactive) {
            expect(point[i]).toBeGreaterThanOrEqual(0);
            expect(point[i]).toBeLessThan(1);
          }
        }
        const back = space.decode(point);
        expect(Object.keys(back).sort()).toEqual(Object.keys(config).sort());
        for (const [name, value] of Object.entries(config)) {
          if (typeof value === "number") expect(back[name]).toBeCloseTo(value, 9);
          else expect(back[name]).toBe(value);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("decodes any point of the unit cube to a valid configuration (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: space.size, maxLength: space.size }), (point) => {
        expect(space.check(space.decode(point))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("samples log-scale parameters log-uniformly and int steps evenly", () => {
    const rng = new Rng(7);
    let belowGeoMean = 0;
    const overlaps = new Map<number, number>();
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const config = space.sample(rng);
      if ((config.lr as number) < Math.sqrt(1e-5 * 1e-1)) belowGeoMean++;
      overlaps.set(config.overlap as number, (overlaps.get(config.overlap as number) ?? 0) + 1);
    }
    expect(belowGeoMean / n).toBeGreaterThan(0.45);
    expect(belowGeoMean / n).toBeLessThan(0.55);
    expect([...overlaps.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 17 }, (_, k) => k * 16));
    for (const count of overlaps.values()) expect(count).toBeGreaterThan((n / 17) * 0.7);
  });

  it("the same seed gives the same configurations", () => {
    const a = Array.from({ length: 5 }, (_, i) => space.sample(new Rng(i)));
    const b = Array.from({ length: 5 }, (_, i) => space.sample(new Rng(i)));
    expect(a).toEqual(b);
    expect(a[0]).not.toEqual(a[1]);
  });

  it("check names missing, inactive, unknown and out-of-range parameters", () => {
    const small = Space.parse({ r: categorical(["a", "b"]), x: float(0, 1, { when: { r: "b" } }), k: int(1, 5) });
    expect(small.check({ r: "a", x: 0.5, k: 9, z: 1 }).map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      'z: unknown parameter "z": expected one of r, x, k',
      'x: parameter "x" is inactive here (its "when" does not hold) and must be absent',
      "k: expected an integer in [1, 5], received 9",
    ]);
    expect(small.check({ r: "b", k: 2 })[0].message).toBe('parameter "x" is active but missing');
  });

  it("snaps float steps without floating-point residue", () => {
    const s = Space.parse({ t: float(0, 1, { step: 0.1 }) });
    for (let u = 0; u < 1; u += 0.013) {
      const t = s.decode([u]).t as number;
      expect(String(t).length).toBeLessThanOrEqual(3);
    }
  });
});

describe("text parameters (trainable artifacts)", () => {
  const definition = {
    temperature: { type: "float", low: 0, high: 1 },
    prompt: { type: "text", default: "Answer briefly." },
    workflow: { type: "text", default: '{"steps": []}', format: "json" },
  };

  it("parse, and every other sampler keeps the default through sample and decode", async () => {
    const space = Space.parse(definition);
    const config = space.sample(new Rng(1));
    expect(config.prompt).toBe("Answer briefly.");
    expect(config.workflow).toBe('{"steps": []}');
    const point = space.encode({ ...config, prompt: "Something else entirely" });
    expect(space.decode(point).prompt).toBe("Answer briefly.");
    const { randomSampler, tpeSampler } = await import("../../src/samplers/index.js");
    const { runSampler } = await import("../../src/testing/index.js");
    for (const sampler of [randomSampler({ seed: 3 }), tpeSampler({ seed: 3, startupTrials: 3 })]) {
      const trials = await runSampler({ sampler, space, trials: 8, evaluate: (c) => [c.temperature as number] });
      expect(trials.every((t) => t.config.prompt === "Answer briefly.")).toBe(true);
    }
  });

  it("accept any string as a value, and only JSON for format json", () => {
    const space = Space.parse(definition);
    expect(space.check({ temperature: 0.5, prompt: "Think step by step.", workflow: '{"steps": [1]}' })).toEqual([]);
    const issues = space.check({ temperature: 0.5, prompt: 3 as unknown as string, workflow: "{not json" });
    expect(issues.map((i) => i.path.join("."))).toEqual(["prompt", "workflow"]);
  });

  it("reject a definition without a string default, with a bad format, or a json default that does not parse", () => {
    const bad = (param: unknown) => () => Space.parse({ p: param });
    expect(bad({ type: "text" })).toThrow(/p\.default: expected the starting text \(a string\)/);
    expect(bad({ type: "text", default: "x", format: "yaml" })).toThrow(/p\.format: expected one of prompt, code, json/);
    expect(bad({ type: "text", default: "{", format: "json" })).toThrow(/p\.default: format is json but the default does not parse/);
    expect(bad({ type: "text", default: "x", choices: ["a"] })).toThrow(/unknown key "choices" for a text parameter/);
  });
});
