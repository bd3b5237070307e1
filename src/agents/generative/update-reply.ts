import { z } from "zod";
import { checkValue } from "../../space/index.js";
import { checkSyntax } from "../sandbox/index.js";
import type { TrainableParam } from "./update-prompt.js";

/** A checked update reply: the reasoning and the new text of each trainable parameter. */
export interface UpdateReply {
  reasoning: string;
  artifact: Record<string, string>;
}

/**
 * The schema of an update reply: `{ reasoning, artifact }` where `artifact` is a string
 * (one trainable parameter) or a map with every parameter's text (several). The texts are
 * checked against their format: `json` must parse; `code` must parse as an ES module when
 * `syntaxCheck` is on. A failed check goes back to the model as the retry's reason.
 */
export function updateReplySchema(params: readonly TrainableParam[], syntaxCheck: boolean): z.ZodType<UpdateReply> {
  const text = z.string().refine((value) => value.trim() !== "", "the artifact is empty");
  const artifact =
    params.length === 1
      ? text.transform((value): Record<string, string> => ({ [params[0].name]: value }))
      : z.strictObject(Object.fromEntries(params.map((param) => [param.name, text])) as Record<string, typeof text>);
  return z
    .object({ reasoning: z.string(), artifact })
    .superRefine((reply, ctx) => {
      for (const param of params) {
        const value = reply.artifact[param.name];
        if (typeof value !== "string") continue;
        const path = params.length === 1 ? ["artifact"] : ["artifact", param.name];
        if (param.format === "json" && checkValue({ type: "text", default: "", format: "json" }, value) !== null) {
          ctx.addIssue({ code: "custom", path, message: `the ${param.name} artifact must be valid JSON (format json), but it does not parse` });
        }
        if (param.format === "code" && syntaxCheck) {
          const problem = checkSyntax(value);
          if (problem) ctx.addIssue({ code: "custom", path, message: `the ${param.name} code does not parse as an ES module: ${problem}` });
        }
      }
    }) as z.ZodType<UpdateReply>;
}
