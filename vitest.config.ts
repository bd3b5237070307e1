import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Native modules (better-sqlite3) and child processes behave best in forked workers.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
