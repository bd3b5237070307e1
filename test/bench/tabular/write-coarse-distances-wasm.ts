/**
 * Regenerates src/bench/tabular/coarse-distances-wasm.ts from coarse-distances.wat.
 *
 * Usage: npx tsx test/bench/tabular/write-coarse-distances-wasm.ts
 */
import { writeFileSync } from "node:fs";
import { BYTES_MODULE_PATH, bytesModuleText, compileCoarseDistances } from "./compile-coarse-distances.js";

const bytes = await compileCoarseDistances();
writeFileSync(BYTES_MODULE_PATH, bytesModuleText(bytes));
process.stdout.write(`wrote ${bytes.length} bytes of WebAssembly to ${BYTES_MODULE_PATH.pathname}\n`);
