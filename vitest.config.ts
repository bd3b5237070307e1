import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A TMPDIR of the run's own; the run fails if a test leaves a knobs-* folder in it.
    globalSetup: ["test/temp-folder-check.ts"],
    // Native modules (better-sqlite3) and child processes behave best in forked workers.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
