import { KnobsError } from "../../errors/index.js";
import type { SandboxReason, SandboxResult } from "./spec.js";

/**
 * Sandboxed code broke a limit or crashed. Its message starts with the reason
 * (`timeout: ...`, `network: ...`), so a trial failed by it records why in its `error`.
 * The code is `sandbox_<reason>`.
 */
export class SandboxViolationError extends KnobsError {
  constructor(
    readonly reason: SandboxReason,
    readonly detail: string,
  ) {
    super(`sandbox_${reason}`, `${reason}: ${detail}`);
  }
}

/**
 * The output of a sandboxed run, or a SandboxViolationError with its reason. Throw it from
 * an objective and the study fails the trial with that message and goes on.
 *
 * @example
 * const output = outputOrThrow(await runSandboxed({ code, input, scratchDir }));
 */
export function outputOrThrow(result: SandboxResult): unknown {
  if (result.ok) return result.output;
  throw new SandboxViolationError(result.reason, result.message);
}
