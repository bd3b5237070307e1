import { spawnSync } from "node:child_process";

/**
 * Parses `code` as an ES module without running it (`node --check` on stdin) and returns
 * the syntax error's message, or null when the code parses. Nothing of the code runs, so
 * this needs no sandbox.
 */
export function checkSyntax(code: string): string | null {
  const result = spawnSync(process.execPath, ["--input-type=module", "--check"], { input: code, encoding: "utf8", env: {}, timeout: 10_000 });
  if (result.status === 0) return null;
  if (result.error) return `could not run the syntax check: ${result.error.message}`;
  const lines = result.stderr.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("    at ") && !line.startsWith("Node.js "));
  const error = lines.find((line) => /Error:/.test(line)) ?? lines[lines.length - 1] ?? "the code does not parse";
  const where = /^\[stdin\]:(\d+)/.exec(lines[0] ?? "");
  return where ? `${error.trim()} (line ${where[1]})` : error.trim();
}
