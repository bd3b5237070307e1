import { KnobsError, ValidationError, type ErrorCode } from "../errors/index.js";
import { parseResultJson } from "../study/index.js";

/** JSON-RPC 2.0 error codes (the spec's, plus one for knobs' own errors). */
export const RPC_ERROR = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  /** A KnobsError: `data.code` holds its stable code. */
  application: -32000,
} as const;

export interface RpcRequest {
  id: string | number | null;
  method: string;
  params: Record<string, unknown>;
}

/** An error to send back as a JSON-RPC error object. */
export class RpcError extends KnobsError {
  readonly rpcCode: number;
  constructor(rpcCode: number, message: string, code: ErrorCode = "rpc_error") {
    super(code, message);
    this.rpcCode = rpcCode;
  }
}

/**
 * Reads one line as a request, or throws RpcError (parse error, invalid request). The bare
 * NaN and Infinity of Python's json.dumps are read as numbers, so a tell carrying them fails
 * its trial with the reason instead of being a parse error.
 */
export function parseRequest(line: string): RpcRequest {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch (error) {
    message = parseResultJson(line);
    if (message === undefined) throw new RpcError(RPC_ERROR.parse, `parse error: ${(error as Error).message}`, "parse_error");
  }
  if (typeof message !== "object" || message === null || Array.isArray(message)) {
    throw new RpcError(RPC_ERROR.invalidRequest, "invalid request: expected a JSON object", "invalid_request");
  }
  const { jsonrpc, id = null, method, params = {} } = message as Record<string, unknown>;
  if (jsonrpc !== "2.0") throw new RpcError(RPC_ERROR.invalidRequest, 'invalid request: "jsonrpc" must be "2.0"', "invalid_request");
  if (typeof method !== "string") throw new RpcError(RPC_ERROR.invalidRequest, 'invalid request: "method" must be a string', "invalid_request");
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    throw new RpcError(RPC_ERROR.invalidParams, 'invalid params: "params" must be an object', "invalid_params");
  }
  return { id: typeof id === "string" || typeof id === "number" ? id : null, method, params: params as Record<string, unknown> };
}

/** The id of a line that may not parse, so an error can still answer it. */
export function idOf(line: string): string | number | null {
  const id = (parseResultJson(line) as { id?: unknown } | undefined)?.id;
  return typeof id === "string" || typeof id === "number" ? id : null;
}

export function resultLine(id: string | number | null, result: unknown): string {
  return JSON.stringify({ jsonrpc: "2.0", id, result });
}

/** An error response; knobs' own errors carry their code in `data.code`. */
export function errorLine(id: string | number | null, error: unknown): string {
  if (error instanceof RpcError) return JSON.stringify({ jsonrpc: "2.0", id, error: { code: error.rpcCode, message: error.message, data: { code: error.code } } });
  if (error instanceof ValidationError) {
    return JSON.stringify({ jsonrpc: "2.0", id, error: { code: RPC_ERROR.invalidParams, message: error.message, data: { code: error.code, issues: error.issues } } });
  }
  if (error instanceof KnobsError) return JSON.stringify({ jsonrpc: "2.0", id, error: { code: RPC_ERROR.application, message: error.message, data: { code: error.code } } });
  const message = error instanceof Error ? error.message : String(error);
  return JSON.stringify({ jsonrpc: "2.0", id, error: { code: RPC_ERROR.internal, message: `internal error: ${message}` } });
}
