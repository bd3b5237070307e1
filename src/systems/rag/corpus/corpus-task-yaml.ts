import { z } from "zod";
import { readCheckedYaml } from "../../../bench/tabular/index.js";

/**
 * The task.yaml of a corpus folder (DESIGN.md "Corpus folder"): where the data comes from
 * and its license (top-level `license`, or `source.license`); optionally an id, a one-line
 * description, and the SHA-256 of documents.jsonl / questions.jsonl to check on load.
 */
export const corpusTaskYamlSchema = z
  .object({
    id: z.string().min(1).optional(),
    description: z.string().min(1).optional(),
    license: z.string().min(1).optional(),
    source: z
      .object({
        repo: z.string().min(1),
        commit: z.string().optional(),
        path: z.string().optional(),
        license: z.string().min(1).optional(),
        citation: z.string().optional(),
      })
      .strict(),
    sha256: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/i, "expected 64 hexadecimal digits")).optional(),
  })
  .strict()
  .refine((value) => value.license !== undefined || value.source.license !== undefined, {
    message: "a license is required: set `license` (or `source.license`)",
    path: ["license"],
  });

export type CorpusTaskYaml = z.infer<typeof corpusTaskYamlSchema>;

/** Reads and checks a corpus task.yaml; throws TaskDataError for bad YAML and ValidationError naming each bad field. */
export function readCorpusTaskYaml(path: string, displayName: string): CorpusTaskYaml {
  return readCheckedYaml(path, displayName, corpusTaskYamlSchema);
}
