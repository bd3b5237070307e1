import { ordinal, Space, type Config } from "../../../space/index.js";
import { resolveTwoWikiFile } from "./data-path.js";
import { loadTwoWiki, type TwoWikiData, type TwoWikiQuestion } from "./load-two-wiki.js";

/** Where the questions come from and which prefixes of them are fidelities. */
export interface TwoWikiQuestionsOptions {
  /** tts_test.json or its folder; default $KNOBS_AGENTTTS_2WIKI or ../shared/data/agenttts-2wiki (see resolveTwoWikiFile). */
  path?: string;
  /** Check the file's SHA-256 (default true; turn off for other files of the same shape). */
  verify?: boolean;
  /** Fidelity levels: numbers of questions, each a prefix of the next (default [10, 25, 50, 100]). */
  questionCounts?: number[];
}

/**
 * The 2WikiMultiHopQA questions a live task runs on, read from a path on first use, and the
 * `questions` fidelity (the first n). Shared by the multi-stage and the agent tasks.
 */
export class TwoWikiQuestions {
  readonly fidelitySpace: Space;
  /** The question counts, as fidelity configs, fewest first. */
  readonly fidelities: readonly Config[];
  private readonly options: TwoWikiQuestionsOptions;
  private data: TwoWikiData | undefined;

  constructor(options: TwoWikiQuestionsOptions = {}) {
    this.options = options;
    const counts = options.questionCounts ?? [10, 25, 50, 100];
    this.fidelitySpace = Space.parse({ questions: ordinal(counts) });
    this.fidelities = counts.map((questions) => ({ questions }));
  }

  /** SHA-256 of the data file, once it is loaded. */
  get sha256(): Readonly<Record<string, string>> | undefined {
    return this.data ? { "tts_test.json": this.data.sha256 } : undefined;
  }

  /** Reads the questions (once). Throws TaskDataError when the data is missing or malformed. */
  load(): TwoWikiData {
    this.data ??= loadTwoWiki(resolveTwoWikiFile(this.options.path), { verify: this.options.verify });
    return this.data;
  }

  /** The questions of a fidelity (all when null). */
  at(fidelity: Config | null): TwoWikiQuestion[] {
    const all = this.load().questions;
    if (fidelity === null) return all;
    this.fidelitySpace.validate(fidelity);
    return all.slice(0, fidelity.questions as number);
  }
}
