/**
 * The child's side of the sandbox, as plain JavaScript: runSandboxed writes it next to
 * the code and starts `node runner.mjs code.mjs <entry> <networkPreload>`. It is a string
 * (not a module of ours) so the child needs no TypeScript loader and reads nothing outside
 * its run folder.
 *
 * Protocol: the input arrives as JSON on stdin; one JSON line goes out on file descriptor
 * 3: `{ ok: true, output }` or `{ ok: false, error: { name, message, code, permission } }`,
 * plus `network` (the blocked network calls, recorded even when the code caught the error).
 */
export const RUNNER_SOURCE = String.raw`
import { readFileSync, writeSync } from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { pathToFileURL } from "node:url";

const [codePath, entry, preload] = process.argv.slice(2);
const network = [];
let sent = false;

function send(message) {
  if (sent) return;
  sent = true;
  if (network.length > 0) message.network = network.slice(0, 10);
  writeSync(3, JSON.stringify(message) + "\n");
}

function describe(error) {
  if (error === null || typeof error !== "object") return { name: "Error", message: String(error) };
  return { name: String(error.name ?? "Error"), message: String(error.message ?? ""), code: error.code, permission: error.permission };
}

function blocked(what) {
  return function () {
    network.push(what);
    const error = new Error("sandbox: " + what + " is blocked (the sandbox has no network)");
    error.code = "ERR_SANDBOX_NETWORK";
    throw error;
  };
}

function patch(target, names, prefix) {
  if (!target) return;
  for (const name of names) if (typeof target[name] === "function") target[name] = blocked(prefix + name);
}

if (preload === "1") {
  const require = createRequire(import.meta.url);
  const net = require("node:net");
  patch(net, ["connect", "createConnection", "createServer"], "net.");
  patch(net.Socket.prototype, ["connect"], "net.Socket.");
  patch(net.Server.prototype, ["listen"], "net.Server.");
  patch(require("node:tls"), ["connect", "createServer"], "tls.");
  for (const name of ["http", "https"]) patch(require("node:" + name), ["request", "get", "createServer"], name + ".");
  patch(require("node:http2"), ["connect", "createServer", "createSecureServer"], "http2.");
  patch(require("node:dgram"), ["createSocket"], "dgram.");
  const dns = require("node:dns");
  const lookups = ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCname", "resolveCaa", "resolveMx", "resolveNaptr", "resolveNs", "resolvePtr", "resolveSoa", "resolveSrv", "resolveTxt", "reverse"];
  patch(dns, lookups, "dns.");
  patch(dns.promises, lookups, "dns.promises.");
  patch(dns.Resolver && dns.Resolver.prototype, lookups, "dns.Resolver.");
  patch(dns.promises.Resolver && dns.promises.Resolver.prototype, lookups, "dns.promises.Resolver.");
  for (const name of ["fetch", "WebSocket", "EventSource"]) {
    if (name in globalThis) globalThis[name] = blocked(name);
  }
  // ES module imports of builtins (import { connect } from "node:net") see the patches too.
  syncBuiltinESMExports();
}

process.on("uncaughtException", (error) => {
  send({ ok: false, error: describe(error) });
  process.exit(1);
});
process.on("unhandledRejection", (error) => {
  send({ ok: false, error: describe(error) });
  process.exit(1);
});
process.on("exit", (code) => {
  send({ ok: false, error: { name: "Error", message: "the process ended (exit code " + code + ") before the entry function returned" } });
});

try {
  const input = JSON.parse(readFileSync(0, "utf8"));
  const module = await import(pathToFileURL(codePath).href);
  const run = module[entry];
  if (typeof run !== "function") {
    const exported = Object.keys(module).join(", ") || "nothing";
    throw new TypeError("the code exports no function named \"" + entry + "\" (it exports: " + exported + ")");
  }
  const output = await run(input);
  const json = JSON.stringify(output === undefined ? null : output);
  send({ ok: true, output: JSON.parse(json) });
} catch (error) {
  send({ ok: false, error: describe(error) });
}
process.exit(0);
`;
