/** Exit codes of the `knobs` command (documented in docs/cli.md). */
export const EXIT = {
  /** The command did what was asked (a study may still have failed trials). */
  ok: 0,
  /** An unexpected internal error; run with KNOBS_DEBUG=1 for the stack. */
  internal: 1,
  /** Bad input: usage, a config or space file, an unknown study or optimizer. */
  badInput: 2,
  /** `optimize` ran trials but none completed: the objective is probably broken. */
  noTrialCompleted: 3,
  /** Stopped by Ctrl-C (SIGINT) or SIGTERM after the trials in flight finished. */
  interrupted: 130,
} as const;
