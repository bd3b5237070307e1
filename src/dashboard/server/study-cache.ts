import type { Storage, StudyRecord, TrialRecord } from "../../storage/index.js";
import type { StudySnapshot } from "../model/study-snapshot.js";

interface Entry {
  study: StudyRecord;
  trials: TrialRecord[];
  cursor: number;
  /** Refreshes of one study run one after another, so an older read never overwrites a newer one. */
  queue: Promise<unknown>;
}

/**
 * Each study's trials, kept current from the storage's change cursor: a request reads only
 * the trials changed since the last one, so a 10,000-trial study is parsed once, not per view.
 * Only reads: the dashboard never writes, and SQLite readers (WAL) never block a running study.
 */
export class StudyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly storage: Storage) {}

  /** The study as it is now, or null when there is no study of that name. */
  async snapshot(name: string): Promise<StudySnapshot | null> {
    const study = await this.storage.getStudy(name);
    if (!study) {
      this.entries.delete(name);
      return null;
    }
    let entry = this.entries.get(name);
    if (!entry || entry.study.id !== study.id) {
      // New, or deleted and created again under the same name: start over.
      entry = { study, trials: [], cursor: 0, queue: Promise.resolve() };
      this.entries.set(name, entry);
    }
    const current = entry;
    const refresh = current.queue.then(async () => {
      const { trials, cursor } = await this.storage.getTrialsChangedSince(study.id, current.cursor);
      for (const t of trials) current.trials[t.number] = t;
      current.cursor = Math.max(current.cursor, cursor);
      current.study = study;
    });
    current.queue = refresh.catch(() => {});
    await refresh;
    return { study: current.study, trials: current.trials.filter(Boolean), cursor: current.cursor };
  }

  /** Every study, each as a snapshot, in creation order. */
  async all(): Promise<StudySnapshot[]> {
    const studies = await this.storage.listStudies();
    const snapshots = await Promise.all(studies.map((s) => this.snapshot(s.name)));
    return snapshots.filter((s): s is StudySnapshot => s !== null);
  }
}
