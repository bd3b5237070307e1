/** A prompt template: its text ({context} and {question} are filled in) and how to read the answer from a reply. */
export interface PromptTemplate {
  text: string;
  /** The answer inside the model's reply. */
  extract(reply: string): string;
}

const whole = (reply: string) => reply.trim();

/** After the last "Answer:" line, or the whole reply when there is none. */
const afterAnswerLine = (reply: string) => {
  const at = reply.toLowerCase().lastIndexOf("answer:");
  return (at < 0 ? reply : reply.slice(at + "answer:".length)).trim();
};

/**
 * The prompt templates the `prompt_template` knob chooses from. Context passages are numbered
 * [1], [2], ... in retrieval order.
 */
export const PROMPT_TEMPLATES: Readonly<Record<string, PromptTemplate>> = {
  concise: {
    text:
      "Answer the question using only the context below. Reply with the answer alone, in as few words as possible.\n\n" +
      "Context:\n{context}\n\nQuestion: {question}",
    extract: whole,
  },
  grounded: {
    text:
      "You answer questions about documents. Use only the numbered passages below. If they do not contain the answer, " +
      'reply "unknown". Reply with the answer alone.\n\n{context}\n\nQuestion: {question}',
    extract: whole,
  },
  reasoning: {
    text:
      "Read the numbered passages, think step by step about which of them answer the question, then give the final " +
      'answer on a last line starting with "Answer:" in as few words as possible.\n\n{context}\n\nQuestion: {question}',
    extract: afterAnswerLine,
  },
};

/** Fills a template with numbered context passages and the question. */
export function renderPrompt(template: PromptTemplate, question: string, passages: readonly string[]): string {
  const context = passages.map((passage, i) => `[${i + 1}] ${passage.trim()}`).join("\n\n");
  return template.text.replace("{context}", () => context).replace("{question}", () => question);
}
