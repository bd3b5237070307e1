import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, ISSUE_CODES, isErrorCode, KnobsError } from "../../src/errors/index.js";

const root = new URL("../../", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Every code literal the sources throw or word: [code, file]. */
function codesInSources(): { thrown: [string, string][]; issues: [string, string][] } {
  const thrown: [string, string][] = [];
  const issues: [string, string][] = [];
  for (const file of sourceFiles(join(root, "src"))) {
    const text = readFileSync(file, "utf8");
    const at = file.slice(root.length);
    for (const m of text.matchAll(/new KnobsError\(\s*"([a-z_]+)"/g)) thrown.push([m[1], at]);
    for (const m of text.matchAll(/super\(\s*"([a-z_]+)"/g)) thrown.push([m[1], at]);
    for (const m of text.matchAll(/new RpcError\([^;]*?,\s*"([a-z_]+)"\s*\)/g)) thrown.push([m[1], at]);
    for (const m of text.matchAll(/\bcode: "([a-z_]+)"/g)) issues.push([m[1], at]);
  }
  return { thrown, issues };
}

// zod's issue codes, which schema checks pass through.
const ZOD_CODES = new Set(["custom", "invalid_type", "too_small", "too_big", "invalid_format", "invalid_union", "invalid_value", "unrecognized_keys", "not_multiple_of", "invalid_key", "invalid_element"]);

describe("error codes as a contract", () => {
  it("lists every code the sources throw", () => {
    const { thrown } = codesInSources();
    expect(thrown.length).toBeGreaterThan(50);
    const unlisted = thrown.filter(([code]) => !isErrorCode(code));
    expect(unlisted).toEqual([]);
    // The sandbox's codes are sandbox_<reason>, one per SandboxReason.
    for (const reason of ["timeout", "memory", "network", "filesystem", "process", "crash"]) expect(isErrorCode(`sandbox_${reason}`)).toBe(true);
  });

  it("lists every issue code the sources word", () => {
    const { issues } = codesInSources();
    const unlisted = issues.filter(([code]) => !Object.hasOwn(ISSUE_CODES, code) && !isErrorCode(code) && !ZOD_CODES.has(code));
    expect(unlisted).toEqual([]);
  });

  it("is the table of docs/cli.md, every code with its meaning", () => {
    const docs = readFileSync(join(root, "docs/cli.md"), "utf8");
    for (const [code, meaning] of Object.entries(ERROR_CODES)) expect(docs).toContain(`| \`${code}\` | ${code === "internal" ? 1 : 2} | ${meaning} |`);
  });

  it("is what KnobsError takes and reports", () => {
    const error = new KnobsError("no_such_study", "no study");
    expect(error.toJSON()).toEqual({ code: "no_such_study", message: "no study" });
    expect(isErrorCode("no_such_sampler")).toBe(false);
    // @ts-expect-error: a code not in ERROR_CODES does not compile.
    expect(new KnobsError("not_a_code", "x").code).toBe("not_a_code");
  });
});
