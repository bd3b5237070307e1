import { escapeHtml } from "../svg/escape.js";

/**
 * A unified diff as a coloured block: added lines green, removed lines red, hunk headers
 * blue, file headers bold. Used for the artifact a generative-optimization update changed.
 */
export function diffBlock(diff: string): string {
  const lines = diff.replace(/\n$/, "").split("\n").map((line) => {
    const cls = line.startsWith("+++") || line.startsWith("---") ? "file" : line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
    return `<span class="${cls}">${escapeHtml(line) || " "}</span>`;
  });
  return `<pre class="diff">${lines.join("")}</pre>`;
}
