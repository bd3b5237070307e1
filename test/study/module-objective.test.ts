import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModuleObjective, type Trial } from "../../src/study/index.js";
import { useTmpDir } from "../helpers/cli.js";

const tmp = useTmpDir();

describe("module objectives", () => {
  it("load a TypeScript default export from a folder that is no ESM package (tsx loads it as CommonJS)", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "objective.ts"), "export default async function (config: { x: number }) {\n  return config.x * 2;\n}\n");
    const objective = await loadModuleObjective("./objective.ts", { baseDir: dir });
    expect(await objective({ config: { x: 3 } } as unknown as Trial)).toBe(6);
    writeFileSync(join(dir, "named.ts"), "export const run = (config: { x: number }) => config.x + 1;\n");
    expect(await (await loadModuleObjective("./named.ts#run", { baseDir: dir }))({ config: { x: 3 } } as unknown as Trial)).toBe(4);
  });
});
