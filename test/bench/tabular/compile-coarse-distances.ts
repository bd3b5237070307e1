import { readFileSync } from "node:fs";
import wabt from "wabt";

/** Where the WebAssembly text lives, and the TypeScript module that carries its compiled bytes. */
export const WAT_PATH = new URL("../../../src/bench/tabular/coarse-distances.wat", import.meta.url);
export const BYTES_MODULE_PATH = new URL("../../../src/bench/tabular/coarse-distances-wasm.ts", import.meta.url);

/** Compiles coarse-distances.wat with wabt (SIMD on, no debug names, so the bytes are reproducible). */
export async function compileCoarseDistances(): Promise<Uint8Array> {
  const toolkit = await wabt();
  const module = toolkit.parseWat("coarse-distances.wat", readFileSync(WAT_PATH, "utf8"), { simd: true });
  try {
    module.validate();
    return module.toBinary({ write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}

/** The text of coarse-distances-wasm.ts for these bytes. */
export function bytesModuleText(bytes: Uint8Array): string {
  const base64 = Buffer.from(bytes).toString("base64");
  const lines = base64.match(/.{1,100}/g) ?? [];
  return [
    "// Generated from coarse-distances.wat by `npx tsx test/bench/tabular/write-coarse-distances-wasm.ts`; do not edit.",
    "// test/bench/tabular/coarse-distances-wasm.test.ts checks that these bytes match the .wat.",
    "",
    "/** The compiled coarse-distances.wat, base64. */",
    "export const COARSE_DISTANCES_WASM =",
    ...lines.map((line, i) => `  "${line}"${i === lines.length - 1 ? ";" : " +"}`),
    "",
  ].join("\n");
}
