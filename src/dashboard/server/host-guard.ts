import type { MiddlewareHandler } from "hono";
import { isIP } from "node:net";
import { ValidationError } from "../../errors/index.js";

/** The names a loopback dashboard answers to. */
const LOOPBACK = ["127.0.0.1", "localhost", "::1"];

/** A host name (RFC 1123 labels) or an IP address, without a port. */
export function isHostName(name: string): boolean {
  return isIP(name) !== 0 || /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i.test(name);
}

/** Checks `allowedHosts` before the dashboard starts. */
export function checkAllowedHosts(names: readonly string[]): void {
  const bad = names.filter((name) => typeof name !== "string" || !isHostName(name));
  if (bad.length > 0) {
    throw new ValidationError(
      bad.map((name) => ({ code: "invalid_option", path: ["allowedHosts"], message: `expected host names or IP addresses (without a port), received ${JSON.stringify(name)}` })),
      "startDashboard",
    );
  }
}

/**
 * The Host header values the dashboard answers, each with its port: the loopback names
 * (127.0.0.1, localhost, [::1]), the interface it listens on, and any other allowed names.
 */
export function allowedHostHeaders(listenHost: string, port: number, extra: readonly string[]): string[] {
  const names = [...LOOPBACK, listenHost, ...extra].map((name) => name.toLowerCase().replace(/\.$/, ""));
  const headers = [...new Set(names)].map((name) => `${isIP(name) === 6 ? `[${name}]` : name}:${port}`);
  // A browser leaves out the default port.
  return port === 80 ? [...headers, ...headers.map((header) => header.slice(0, -3))] : headers;
}

/**
 * Answers 403 to a request whose Host header is not one of `allowed()`: a web page that
 * rebinds its own DNS name to 127.0.0.1 (DNS rebinding) sends its own name as the Host,
 * so it cannot read a loopback dashboard's studies.
 */
export function hostGuard(allowed: () => readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header("host");
    const list = allowed();
    if (host !== undefined && list.includes(host.toLowerCase())) return next();
    const what = host === undefined ? "a request without a Host header is" : `the Host ${JSON.stringify(host)} is`;
    return c.text(`knobs dashboard: ${what} not allowed (DNS rebinding guard); allowed: ${list.join(", ")}\n`, 403);
  };
}
