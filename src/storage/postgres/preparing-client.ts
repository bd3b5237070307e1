import { createHash } from "node:crypto";
import pg from "pg";

/**
 * A node-postgres client that sends every statement with parameters as a named (prepared)
 * statement: the server parses and plans it once per connection instead of once per call.
 * knobs' statements are a fixed set of templates, so the names stay few. On this machine's
 * bench (bench/postgres) it raised 8-process throughput by about half. Statements without
 * parameters (BEGIN, COMMIT, migrations) go as they are.
 */
export class PreparingClient extends pg.Client {}

const names = new Map<string, string>();

/** The statement's name: a hash of its text, so one text always has one name. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `knobs_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

// pg.Client.query has a dozen overloads; the one changed here is (text, values[, callback]).
const plainQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(PreparingClient.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  const [text, values, callback] = args;
  if (typeof text === "string" && Array.isArray(values) && values.length > 0) {
    return plainQuery.call(this, { name: nameOf(text), text, values }, callback);
  }
  return plainQuery.apply(this, args);
};
