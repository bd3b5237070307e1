import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { Rng } from "../../src/math/index.js";
import { simplex, Space, type Weights } from "../../src/space/index.js";
import { createStudy, loadStudyConfig } from "../../src/study/index.js";
import { useTmpDir } from "../helpers/cli.js";

const tmp = useTmpDir();

const space = Space.parse({
  mix: { type: "simplex", components: ["web", "code", "books"], floor: 0.05, concentration: 0.5 },
  lr: { type: "float", low: 0.001, high: 0.1, log: true },
});

function messagesOf(input: unknown): string[] {
  const result = Space.safeParse(input, { source: "space.json" });
  if (result.success) throw new Error("expected a validation error");
  return result.error.message.split("\n");
}

describe("simplex parameter: definition", () => {
  it("parses from JSON and YAML to the same space, and toJSON round-trips", () => {
    const yaml = "mix:\n  type: simplex\n  components: [web, code, books]\n  floor: 0.05\n  concentration: 0.5\nlr: {type: float, low: 0.001, high: 0.1, log: true}\n";
    expect(Space.parse(parseYaml(yaml)).toJSON()).toEqual(space.toJSON());
    expect(Space.parse(JSON.parse(JSON.stringify(space.toJSON()))).toJSON()).toEqual(space.toJSON());
    expect(simplex(["web", "code", "books"], { floor: 0.05, concentration: 0.5 })).toEqual(space.params.mix);
  });

  it("names the parameter, key and expected value of a bad definition", () => {
    expect(messagesOf({ mix: { type: "simplex", components: ["a"] } })).toEqual([
      "space.json: mix.components: expected a list of at least two component names (non-empty strings), received [\"a\"]",
    ]);
    expect(messagesOf({ mix: { type: "simplex", components: ["a", "b", "a"], floor: 0.5, concentration: 0 } })).toEqual([
      'space.json: mix.components[2]: component names must be distinct, but "a" appears twice',
      "space.json: mix.floor: floor * components < 1 must hold, but got floor=0.5 with 3 components",
      "space.json: mix.concentration: expected a Dirichlet concentration > 0, received 0",
    ]);
    expect(messagesOf({ mix: simplex(["a", "b"]), x: { type: "float", low: 0, high: 1, when: { mix: "a" } } })[0]).toMatch(/x\.when\.mix: "when" cannot name the simplex parameter "mix"/);
    expect(messagesOf({ mix: { type: "simplex", components: ["a", "b"], low: 0 } })[0]).toMatch(/mix\.low: unknown key "low" for a simplex parameter/);
  });

  it("can carry when", () => {
    const conditional = Space.parse({ arm: { type: "categorical", choices: ["a", "b"] }, mix: { ...simplex(["x", "y"]), when: { arm: "b" } } });
    expect(conditional.check({ arm: "a" })).toEqual([]);
    expect(conditional.check({ arm: "b", mix: { x: 0.5, y: 0.5 } })).toEqual([]);
    expect(conditional.check({ arm: "a", mix: { x: 0.5, y: 0.5 } })[0].code).toBe("inactive_parameter");
  });
});

describe("simplex parameter: values", () => {
  it("accepts weights >= floor summing to 1 within the tolerance", () => {
    expect(space.check({ mix: { web: 0.5, code: 0.3, books: 0.2 }, lr: 0.01 })).toEqual([]);
    expect(space.check({ mix: { web: 0.5, code: 0.3, books: 0.2000004 }, lr: 0.01 })).toEqual([]);
  });

  it("names the parameter, the component and what was expected", () => {
    const wording = (mix: unknown) => space.check({ mix: mix as Weights, lr: 0.01 }).map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(wording({ web: 0.5, code: 0.3, books: 0.3 })).toEqual(["mix: expected weights summing to 1 (within 0.000001), received weights summing to 1.1"]);
    expect(wording({ web: 1.1, code: -0.2, books: 0.1 })).toEqual(["mix.code: expected a weight >= 0, received -0.2"]);
    expect(wording({ web: 0.9, code: 0.08, books: 0.02 })).toEqual(["mix.books: expected a weight >= the floor 0.05, received 0.02"]);
    expect(wording({ web: 0.5, code: 0.3, books: 0.1, video: 0.1 })).toEqual(['mix.video: expected a component of web, code, books, received "video"']);
    expect(wording({ web: 0.5, code: 0.5 })).toEqual(['mix.books: expected a weight for component "books", received nothing']);
    expect(wording(0.5)).toEqual(["mix: expected an object of weights {web, code, books} summing to 1, received 0.5"]);
  });

  it("draws from the Dirichlet prior: on the simplex, above the floor, deterministic by seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const config = space.sample(new Rng(seed));
        expect(space.check(config)).toEqual([]);
        expect(space.sample(new Rng(seed))).toEqual(config);
      }),
    );
  });

  it("a small concentration draws sparse mixtures, a large one even mixtures", () => {
    const meanTop = (concentration: number) => {
      const s = Space.parse({ mix: simplex(["a", "b", "c", "d", "e", "f", "g", "h"], { concentration }) });
      const rng = new Rng(3);
      let total = 0;
      for (let i = 0; i < 400; i++) total += Math.max(...Object.values(s.sample(rng).mix as Weights));
      return total / 400;
    };
    expect(meanTop(0.05)).toBeGreaterThan(0.7);
    expect(meanTop(1)).toBeLessThan(0.45);
    expect(meanTop(100)).toBeLessThan(0.2);
  });
});

describe("simplex parameter: studies", () => {
  it("suggestSimplex draws define-by-run weights, stored and read back unchanged (SQLite)", async () => {
    const dir = tmp();
    const storage = `sqlite:${join(dir, "s.db")}`;
    const study = await createStudy({ name: "mix", storage, direction: "minimize", logger: () => {} });
    await study.optimize((trial) => {
      const mix = trial.suggestSimplex("mix", ["web", "code"], { floor: 0.1 });
      expect(mix.web + mix.code).toBeCloseTo(1, 12);
      expect(Math.min(mix.web, mix.code)).toBeGreaterThanOrEqual(0.1 - 1e-12);
      return mix.web;
    }, { budget: { trials: 4 } });
    const before = study.trials.map((t) => t.config);
    await study.close();
    const again = await createStudy({ name: "mix", storage, direction: "minimize", logger: () => {} });
    expect(again.trials.map((t) => t.config)).toEqual(before);
    expect(Object.keys(before[0].mix as Weights)).toEqual(["web", "code"]);
    await again.close();
  });

  it("a study config holds the space in YAML and enqueues a mixture as an object of weights", () => {
    const dir = tmp();
    const file = join(dir, "study.yaml");
    writeFileSync(
      file,
      "study: mix\nstorage: 'memory:'\ndirection: minimize\nspace:\n  mix: {type: simplex, components: [web, code]}\nobjective: {command: 'true'}\nenqueue:\n  - {mix: {web: 0.25, code: 0.75}}\n",
    );
    const loaded = loadStudyConfig(file);
    expect(loaded.space?.params.mix).toEqual({ type: "simplex", components: ["web", "code"] });
  });
});
