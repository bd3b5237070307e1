import { describe, expect, it } from "vitest";
import type { Storage } from "../../src/storage/index.js";
import { storageConformanceSuite } from "../../src/testing/index.js";

/** The shipped conformance suite (knobs/testing) under vitest, for each backend's test file. */
export function storageSuite(name: string, open: () => Promise<Storage>): void {
  storageConformanceSuite({ name, open, describe, it, expect });
}
