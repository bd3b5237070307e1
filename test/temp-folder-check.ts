/**
 * Vitest global setup: the tests run with a temporary folder of their own (TMPDIR), and the
 * run fails if a test left a knobs-* folder there (each test removes what it made).
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "vitest-knobs-"));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    const left = readdirSync(root).filter((name) => name.startsWith("knobs-"));
    rmSync(root, { recursive: true, force: true });
    if (left.length > 0) throw new Error(`tests left ${left.length} temporary folders: ${left.join(", ")}`);
  };
}
