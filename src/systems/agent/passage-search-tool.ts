import { Bm25Index, wordTokens, type Bm25Params, type TermSlice } from "../rag/index.js";
import type { AgentTool } from "./spec.js";

export interface PassageSearchOptions {
  /** Passages returned per search (default 3). */
  topK?: number;
  /** BM25 parameters (default k1 1.2, b 0.75). */
  bm25?: Bm25Params;
}

/** A `search` tool over a fixed list of passages, remembering which passages it has returned. */
export interface PassageSearchTool extends AgentTool {
  /** 0-based indices of the passages returned so far. */
  readonly returned: ReadonlySet<number>;
}

/**
 * A `search({query})` tool: BM25 (our Bm25Index, word tokens) over `passages`, answering with the
 * `topK` best as `[n] text` (n = 1-based position in the list), or "no passage matches the query".
 * A missing or empty `query` throws, which the agent loop sends back to the model as an error.
 *
 * @example
 * const search = passageSearchTool(question.passages, { topK: 3 });
 * await search.handler({ query: "director of Polish-Russian War" }, {});
 */
export function passageSearchTool(passages: readonly string[], options: PassageSearchOptions = {}): PassageSearchTool {
  const topK = options.topK ?? 3;
  const bm25 = options.bm25 ?? { k1: 1.2, b: 0.75 };
  const vocabulary = new Map<string, number>();
  const termId = (term: string) => {
    let id = vocabulary.get(term);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(term, id);
    }
    return id;
  };
  const units: TermSlice[] = passages.map((passage) => {
    const terms = Int32Array.from(wordTokens(passage), termId);
    return { terms, from: 0, to: terms.length };
  });
  const index = Bm25Index.build(units, vocabulary.size);
  const returned = new Set<number>();
  return {
    name: "search",
    description: "Search the passages about this question. Returns the best-matching passages, numbered.",
    parameters: {
      type: "object",
      properties: { query: { type: "string", description: "What to look for, e.g. a name and the fact needed." } },
      required: ["query"],
    },
    returned,
    handler: (args) => {
      const query = args.query;
      if (typeof query !== "string" || query.trim() === "") throw new Error(`search takes {"query": "<text>"}, received ${JSON.stringify(args)}`);
      const terms = wordTokens(query).flatMap((term) => (vocabulary.has(term) ? [vocabulary.get(term) as number] : []));
      const hits = index.search(terms, bm25, topK);
      if (hits.length === 0) return "no passage matches the query";
      for (const hit of hits) returned.add(hit.id);
      return hits.map((hit) => `[${hit.id + 1}] ${passages[hit.id]}`).join("\n\n");
    },
  };
}
