/** The reply without reasoning blocks (`<think>...</think>`, as Qwen3 and DeepSeek-R1 servers may include), trimmed. */
export function stripReasoning(reply: string): string {
  let text = reply.replace(/<think>[\s\S]*?<\/think>/gi, "");
  // An unclosed block (cut by the token cap) hides everything after it.
  const open = text.search(/<think>/i);
  if (open >= 0) text = text.slice(0, open);
  return text.trim();
}
