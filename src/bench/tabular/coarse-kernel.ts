import { COARSE_DISTANCES_WASM } from "./coarse-distances-wasm.js";

/**
 * The two loops of the coarse pass of a nearest-row search (see CoarseRows), compiled from
 * coarse-distances.wat to WebAssembly SIMD, over one block of memory whose layout the .wat
 * describes. Offsets are in bytes, multiples of 16.
 */
export interface CoarseKernel {
  /** The kernel's memory, which the offsets point into. */
  readonly buffer: ArrayBuffer;
  /**
   * Writes to `out` the coarse squared distance of the query at `query` to each of the
   * `groups * 8` row slots at `points` (`pairs` coordinate pairs each), and returns the smallest.
   */
  approximate(query: number, points: number, pairs: number, groups: number, out: number): number;
  /**
   * Writes to `list` the slots (of the first `slots`, a multiple of 4, in `out`) whose coarse
   * distance is at most `threshold`, in increasing order, and returns how many there are.
   */
  below(out: number, slots: number, threshold: number, list: number): number;
}

/** The part of the WebAssembly JavaScript API used here (this project's TypeScript lib does not declare it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { readonly exports: Record<string, unknown> };
}

const PAGE_BYTES = 65536;

/** Compiled once per process; null when this runtime cannot. */
let compiled: object | null | undefined;

function compiledModule(api: WebAssemblyApi | undefined): object | null {
  if (compiled === undefined) {
    try {
      compiled = api ? new api.Module(Buffer.from(COARSE_DISTANCES_WASM, "base64")) : null;
    } catch {
      // No SIMD, or no WebAssembly at all (node --jitless): callers compare every row exactly instead.
      compiled = null;
    }
  }
  return compiled;
}

/**
 * A kernel with at least `byteLength` bytes of memory of its own, or null when the runtime has
 * no WebAssembly SIMD or no room for another memory.
 */
export function coarseKernel(byteLength: number): CoarseKernel | null {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  const module = compiledModule(api);
  if (!api || !module) return null;
  let memory: { readonly buffer: ArrayBuffer };
  let exports: Record<string, unknown>;
  try {
    memory = new api.Memory({ initial: Math.max(1, Math.ceil(byteLength / PAGE_BYTES)) });
    exports = new api.Instance(module, { env: { memory } }).exports;
  } catch {
    // Each memory reserves gigabytes of address space: some ten thousand live at once exhaust it.
    return null;
  }
  return {
    buffer: memory.buffer,
    approximate: exports.approximate as CoarseKernel["approximate"],
    below: exports.below as CoarseKernel["below"],
  };
}
