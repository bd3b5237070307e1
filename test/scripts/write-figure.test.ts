import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";
import { useTmpDir } from "../helpers/cli.js";

const SCRIPT = resolve(import.meta.dirname, "../../scripts/write-figure.ts");
const TSX = resolve(import.meta.dirname, "../../node_modules/.bin/tsx");
const tmp = useTmpDir();

const write = (file: string, name: string, input: string) => spawnSync(TSX, [SCRIPT, file, name], { input, encoding: "utf8" });

it("replaces what lies between a figure's markers with stdin, and leaves the rest", () => {
  const doc = join(tmp(), "doc.md");
  writeFileSync(doc, "# Title\n<!-- figure:a -->\nold\n<!-- /figure:a -->\nafter\n<!-- figure:b -->\nkeep\n<!-- /figure:b -->\n");
  const result = write(doc, "a", "| x |\n|---|\n| 1 |\n");
  expect(result.status, result.stderr).toBe(0);
  expect(readFileSync(doc, "utf8")).toBe("# Title\n<!-- figure:a -->\n| x |\n|---|\n| 1 |\n<!-- /figure:a -->\nafter\n<!-- figure:b -->\nkeep\n<!-- /figure:b -->\n");
});

it("refuses a doc without the figure's markers, naming them", () => {
  const doc = join(tmp(), "doc.md");
  writeFileSync(doc, "no markers\n");
  const result = write(doc, "a", "x");
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/no markers <!-- figure:a --> \.\.\. <!-- \/figure:a -->/);
  expect(readFileSync(doc, "utf8")).toBe("no markers\n");
});
