/**
 * The sandbox for code written by an LLM: a separate Node process with a time limit, a
 * memory limit, no network and no file access outside a scratch folder. See docs/agents/sandbox.md.
 */
export { runSandboxed } from "./run-sandboxed.js";
export { sandboxIsolation } from "./isolation.js";
export { checkSyntax } from "./check-syntax.js";
export { SandboxViolationError, outputOrThrow } from "./sandbox-violation-error.js";
export type { SandboxIsolation, SandboxLogs, SandboxOptions, SandboxReason, SandboxResult } from "./spec.js";
