/** Waits between attempts while the storage is unreachable: 0.5 s, doubling, at most 5 s. */
const FIRST_WAIT_MS = 500;
const MAX_WAIT_MS = 5_000;
/** How often a long outage is reported again. */
const REMIND_MS = 60_000;

/** An error a later attempt may cure: the storage's own retries ran out (StorageUnavailableError). */
function isRetryable(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { isRetryable?: unknown }).isRetryable === true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Rides out storage outages for the optimize loop. An operation that fails with a retryable
 * error is tried again with backoff until it answers (or, for an ask, until the loop is
 * stopped), so a trial finished during an outage is told when the server is back. The
 * outage and the recovery are logged once each.
 *
 * It also says when stale trials may be judged: only once the storage has answered for a
 * whole heartbeat timeout since the last trouble. Every live worker has sent a heartbeat by
 * then, so an outage longer than the timeout does not make the workers fail each other's
 * trials when it ends (a dead worker's trials are failed one timeout after it).
 */
export class OutageGuard {
  private downSince: number | null = null;
  private lastReport = 0;
  private troubleAt = -Infinity;

  constructor(
    private readonly warn: (message: string) => void,
    private readonly staleMs: number,
  ) {}

  /** Runs `work` until it succeeds; rethrows what is not an outage, and the outage once `stop()` says so. */
  async run<T>(what: string, work: () => Promise<T>, stop: () => boolean = () => false): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await work();
        this.answered();
        return result;
      } catch (error) {
        if (!isRetryable(error) || stop()) throw error;
        this.failed(error, what);
        await sleep(Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** attempt));
      }
    }
  }

  /** The storage answered; `slow` when it took so long that other workers' heartbeats may have lapsed too. */
  answered(slow = false): void {
    const now = Date.now();
    if (slow) this.troubleAt = now;
    if (this.downSince === null) return;
    this.warn(`storage is back after ${((now - this.downSince) / 1000).toFixed(1)} s; stale trials are judged again ${this.staleMs / 1000} s from now`);
    this.downSince = null;
    this.lastReport = 0;
    this.troubleAt = now;
  }

  /** An operation failed; an outage is reported (once, then every minute) and true returned, anything else false. */
  failed(error: unknown, what: string): boolean {
    if (!isRetryable(error)) return false;
    const now = Date.now();
    this.troubleAt = now;
    if (this.downSince === null) this.downSince = now;
    if (now - this.lastReport >= REMIND_MS) {
      this.lastReport = now;
      const reason = error instanceof Error ? error.message : String(error);
      this.warn(`storage unavailable${now > this.downSince ? ` for ${((now - this.downSince) / 1000).toFixed(0)} s` : ""} (${reason}); retrying ${what} until it answers`);
    }
    return true;
  }

  /** Whether running trials whose heartbeat is older than the timeout may be failed now. */
  mayJudgeStale(): boolean {
    return this.downSince === null && Date.now() - this.troubleAt >= this.staleMs;
  }
}
