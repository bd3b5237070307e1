import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe } from "vitest";

/** The real 1.2 MB GGUF test model (test/fixtures/models/README.md): proves plumbing, never quality. */
export const TEST_MODEL = fileURLToPath(new URL("../../fixtures/models/stories260K.gguf", import.meta.url));

// A variable, so TypeScript does not resolve the optional module.
const MODULE = "node-llama-cpp";

async function runtimeInstalled(): Promise<boolean> {
  try {
    await import(MODULE);
    return true;
  } catch {
    return false;
  }
}

/**
 * `describe` for tests that run the embedded model. Without node-llama-cpp (an optional peer
 * dependency: scripts/install-node-llama-cpp.sh) they are skipped with a message, except in CI,
 * where they run and fail, so a missing runtime never passes unnoticed.
 */
export async function describeWithLocalModel(): Promise<typeof describe> {
  const ready = existsSync(TEST_MODEL) && (await runtimeInstalled());
  if (ready || process.env.CI) return describe;
  console.warn("skipping the embedded-model tests: node-llama-cpp is not installed (run scripts/install-node-llama-cpp.sh)");
  return describe.skip as typeof describe;
}
