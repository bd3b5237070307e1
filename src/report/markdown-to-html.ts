const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Inline Markdown of the report's own text: `code` and **bold**, escaped. */
function inline(text: string): string {
  return esc(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
}

function cells(line: string): string[] {
  return line.replace(/^\|/, "").replace(/\|$/, "").split("|").map((cell) => cell.trim());
}

/**
 * The report's Markdown as HTML: headings, paragraphs, bullet lists and pipe tables (numeric
 * columns, marked `---:`, right-aligned). Only the subset renderMarkdown writes.
 */
export function markdownToHtml(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      out.push(`<h${level}>${inline(heading[2])}</h${level}>`);
      i++;
    } else if (line.startsWith("|") && lines[i + 1]?.startsWith("| :")) {
      const right = cells(lines[i + 1]).map((cell) => cell.endsWith(":") && !cell.startsWith(":"));
      const row = (tag: string, values: string[]) => `<tr>${values.map((v, j) => `<${tag}${right[j] ? ' class="num"' : ""}>${inline(v)}</${tag}>`).join("")}</tr>`;
      const body: string[] = [];
      let j = i + 2;
      for (; j < lines.length && lines[j].startsWith("|"); j++) body.push(row("td", cells(lines[j])));
      out.push(`<table><thead>${row("th", cells(line))}</thead><tbody>${body.join("")}</tbody></table>`);
      i = j;
    } else if (line.startsWith("- ")) {
      const items: string[] = [];
      for (; i < lines.length && lines[i].startsWith("- "); i++) items.push(`<li>${inline(lines[i].slice(2))}</li>`);
      out.push(`<ul>${items.join("")}</ul>`);
    } else if (line.trim() === "") {
      i++;
    } else {
      const paragraph: string[] = [];
      for (; i < lines.length && lines[i].trim() !== "" && !/^(#|\||- )/.test(lines[i]); i++) paragraph.push(lines[i]);
      out.push(`<p>${inline(paragraph.join(" "))}</p>`);
    }
  }
  return out.join("\n");
}
