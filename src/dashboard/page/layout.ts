import { escapeHtml } from "../svg/escape.js";

/** The one stylesheet, inlined in every page and report (nothing is fetched). */
const STYLE = `
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#222;background:#f6f7f9;font-size:14px}
header.top{background:#1d2733;color:#fff;padding:10px 20px;display:flex;gap:16px;align-items:center}
header.top a{color:#fff;text-decoration:none}header.top .brand{font-weight:700}
header.top .status{margin-left:auto;font-size:12px;opacity:.85}
main{padding:16px 20px;max-width:1800px;margin:0 auto}
h1{font-size:20px;margin:4px 0 12px}h2{font-size:16px;margin:0 0 10px}h3{font-size:14px;margin:14px 0 6px}h4{margin:12px 0 4px;font-size:13px}
section.view{background:#fff;border:1px solid #e1e4e8;border-radius:6px;padding:12px 14px;margin:0 0 14px}
section.view.hidden{display:none}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(600px,1fr));gap:14px;align-items:start}
.grid section.view{margin:0}.grid section.wide{grid-column:1/-1}
.row{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
figure{margin:0 0 8px;display:inline-block;vertical-align:top}figcaption{font-size:12px;color:#555;max-width:620px;margin-top:2px}
svg.chart{max-width:100%;height:auto;background:#fff}
svg [data-trial]{cursor:pointer}svg circle[data-trial]:hover{stroke:#000;stroke-width:1.5}
svg path[data-trial]:hover{stroke-width:3;stroke-opacity:1}
table{border-collapse:collapse;font-size:12px}th,td{padding:3px 8px;border-bottom:1px solid #eee;text-align:left;white-space:nowrap}
td.wrap{white-space:normal;min-width:240px}
th{background:#fafbfc;font-weight:600}th[data-sort]{cursor:pointer;user-select:none}th[data-sort]:hover{background:#eef2f6}
table.trials tbody tr,table tr[data-trial]{cursor:pointer}table.trials tbody tr:hover,table tr[data-trial]:hover{background:#f0f6ff}
tr.selected{background:#dbeafe!important}
table.small{margin:4px 0 8px}table.kv th{width:40%;background:none;font-weight:500;color:#555}table.kv td{white-space:normal;word-break:break-all}
.scroll{overflow-x:auto}
.summary{display:flex;flex-wrap:wrap;gap:28px;background:#fff;border:1px solid #e1e4e8;border-radius:6px;padding:10px 14px;margin-bottom:14px}
.pill{display:inline-block;border:1.5px solid #999;border-radius:10px;padding:0 7px;font-size:12px;margin:2px 2px 0 0}
.tools{display:flex;gap:8px;align-items:center;margin-bottom:8px;flex-wrap:wrap}
.tools input{padding:4px 8px;width:260px}.tools select,.tools button{padding:3px 8px}
.empty,.note{color:#666;font-style:italic}
aside.detail{position:fixed;top:0;right:0;bottom:0;width:460px;max-width:95vw;background:#fff;border-left:1px solid #ccd;box-shadow:-4px 0 16px rgba(0,0,0,.12);padding:12px 16px;overflow:auto;transform:translateX(105%);transition:transform .15s;z-index:10}
aside.detail.open{transform:none}
aside.detail .close{position:absolute;top:8px;right:10px;border:none;background:none;font-size:20px;cursor:pointer}
pre{background:#f6f8fa;padding:8px;overflow:auto;font-size:12px;max-height:400px}
pre.error{color:#b00020}
pre.diff span{display:block}pre.diff .add{background:#e6ffec;color:#116329}pre.diff .del{background:#ffebe9;color:#82071e}
pre.diff .hunk{color:#0550ae}pre.diff .file{font-weight:700}
details{margin:6px 0}summary{cursor:pointer}
`;

export interface PageOptions {
  title: string;
  nav?: string;
  /** Text of the status corner of the header bar (the live page shows its connection). */
  status?: string;
  /** Attributes of <main>, e.g. where the page script finds its API. */
  mainAttributes?: Record<string, string | number>;
}

/** A page up to and including its opening <main>: head, styles, header bar. */
export function pageOpen(options: PageOptions): string {
  const attributes = Object.entries(options.mainAttributes ?? {})
    .map(([key, value]) => ` ${key}="${escapeHtml(String(value))}"`)
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(options.title)}</title><style>${STYLE}</style></head>
<body><header class="top"><span class="brand">knobs</span>${options.nav ?? ""}<span class="status" id="live-status">${options.status ?? ""}</span></header>
<main${attributes}>`;
}

/** The end of a page: closes <main>, then the inline script if any. */
export function pageClose(script?: string): string {
  return `</main>${script ? `<script>${script}</script>` : ""}</body></html>
`;
}

/** A full HTML page: header bar, body, and an optional inline script. Self-contained. */
export function pageShell(options: PageOptions & { body: string; script?: string }): string {
  return pageOpen(options) + options.body + pageClose(options.script);
}
