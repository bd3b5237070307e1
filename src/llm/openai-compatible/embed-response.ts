import { LlmResponseError } from "../errors/llm-response-error.js";
import type { EmbedRequest, Usage } from "../spec.js";

export interface ParsedEmbeddings {
  vectors: number[][];
  usage: Usage | undefined;
  model: string;
}

/** Reads an /embeddings answer: one float vector per input, put back in input order by `index`. */
export function parseEmbedResponse(body: unknown, request: EmbedRequest): ParsedEmbeddings {
  const record = (body !== null && typeof body === "object" ? body : {}) as Record<string, unknown>;
  if (!Array.isArray(record.data)) throw new LlmResponseError("embeddings", "has no data array", JSON.stringify(body));
  const vectors: number[][] = new Array(request.input.length);
  record.data.forEach((item: unknown, position: number) => {
    const entry = (item ?? {}) as Record<string, unknown>;
    const index = typeof entry.index === "number" ? entry.index : position;
    if (!Array.isArray(entry.embedding) || !entry.embedding.every((x) => typeof x === "number")) {
      throw new LlmResponseError("embeddings", `has an item ${index} whose embedding is not a list of numbers (base64 encoding is not supported)`);
    }
    if (index < 0 || index >= vectors.length || vectors[index] !== undefined) {
      throw new LlmResponseError("embeddings", `has an unexpected or repeated index ${index} for ${request.input.length} inputs`);
    }
    vectors[index] = entry.embedding as number[];
  });
  const missing = vectors.findIndex((vector) => vector === undefined);
  if (record.data.length !== request.input.length || missing >= 0) {
    throw new LlmResponseError("embeddings", `has ${record.data.length} vectors for ${request.input.length} inputs`);
  }
  const usage = record.usage as Record<string, unknown> | undefined;
  const prompt = typeof usage?.prompt_tokens === "number" ? usage.prompt_tokens : undefined;
  return {
    vectors,
    usage: prompt === undefined ? undefined : { inputTokens: prompt, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0, raw: usage },
    model: typeof record.model === "string" && record.model ? record.model : request.model,
  };
}
