/** The signal of one attempt: fires on the caller's abort or after `timeoutMs`. */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** True if the time limit (not the caller) ended the attempt. */
  readonly timedOut: boolean;
  /** Unhooks from the caller's signal; call when the attempt ends. */
  dispose(): void;
}

/**
 * Combines the caller's signal with `AbortSignal.timeout(timeoutMs)`. Written out instead
 * of `AbortSignal.any`, whose composites stay attached to a long-lived caller signal in
 * Node (nodejs/node#55351): a study that passes one signal to thousands of calls would
 * keep every composite alive. Here the listener is removed when the attempt ends.
 */
export function attemptSignal(caller: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const controller = new AbortController();
  const timeout = AbortSignal.timeout(timeoutMs);
  let timedOut = false;
  const onCaller = () => controller.abort(caller?.reason);
  const onTimeout = () => {
    if (controller.signal.aborted) return;
    timedOut = true;
    controller.abort(timeout.reason);
  };
  if (caller?.aborted) controller.abort(caller.reason);
  caller?.addEventListener("abort", onCaller, { once: true });
  timeout.addEventListener("abort", onTimeout, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      caller?.removeEventListener("abort", onCaller);
      timeout.removeEventListener("abort", onTimeout);
    },
  };
}
