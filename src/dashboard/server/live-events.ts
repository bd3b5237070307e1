import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { Storage } from "../../storage/index.js";
import { liveSummary } from "../views/study-summary.js";
import type { StudyCache } from "./study-cache.js";

export interface LiveEventsOptions {
  storage: Storage;
  cache: StudyCache;
  name: string;
  studyId: number;
  /** The change cursor the page was rendered at: events start after it. */
  cursor: number;
  /** How often the storage is polled for changes (ms). */
  intervalMs: number;
  /** Ends the stream when the dashboard closes. */
  signal: AbortSignal;
}

/**
 * Server-sent events for one study: every `intervalMs`, the trials changed since the last
 * event (read with the storage's change cursor, so any process's writes show), as a
 * `trials` event with the new cursor, the changed trials' numbers and states, and the page
 * summary. The event id is the cursor, so a reconnecting browser resumes where it was.
 */
export function liveEvents(c: Context, options: LiveEventsOptions): Response {
  return streamSSE(c, async (stream) => {
    let cursor = options.cursor;
    let open = true;
    stream.onAbort(() => {
      open = false;
    });
    await stream.writeSSE({ event: "hello", id: String(cursor), data: JSON.stringify({ cursor }) });
    while (open && !options.signal.aborted) {
      const changed = await options.storage.getTrialsChangedSince(options.studyId, cursor);
      if (changed.trials.length > 0) {
        cursor = changed.cursor;
        const snapshot = await options.cache.snapshot(options.name);
        if (!snapshot) break;
        const data = { cursor, trials: changed.trials.map((t) => ({ number: t.number, state: t.state })), summary: liveSummary(snapshot) };
        await stream.writeSSE({ event: "trials", id: String(cursor), data: JSON.stringify(data) });
      }
      await stream.sleep(options.intervalMs);
    }
  });
}
