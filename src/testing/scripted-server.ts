import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted answer: a status, headers and a body (objects are sent as JSON), or no answer at all. */
export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer (the connection stays open until the server stops). */
  hang?: boolean;
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/**
 * A local OpenAI-compatible HTTP server on 127.0.0.1 that answers from a script: a queue
 * of replies per path. A request with an empty queue gets a 599 naming the path, so a
 * test that calls more than it scripted fails loudly.
 */
export class ScriptedServer {
  readonly received: ReceivedRequest[] = [];
  private readonly queues = new Map<string, ScriptedReply[]>();
  private readonly responders = new Map<string, (request: ReceivedRequest) => ScriptedReply>();
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const path = (request.url ?? "").replace(/^\/v1/, "");
        const received: ReceivedRequest = { path, headers: request.headers, body: text ? JSON.parse(text) : undefined };
        this.received.push(received);
        const responder = this.responders.get(path);
        const reply = this.queues.get(path)?.shift() ?? responder?.(received);
        if (!reply) {
          response.writeHead(599, { "content-type": "application/json" });
          response.end(JSON.stringify({ error: { message: `script exhausted for ${path}` } }));
          return;
        }
        if (reply.hang) return;
        const body = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {});
        response.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
        response.end(body);
      });
    });
  }

  /** Starts a server on 127.0.0.1 on a free port. */
  static async start(): Promise<ScriptedServer> {
    const scripted = new ScriptedServer();
    await new Promise<void>((resolve) => scripted.server.listen(0, "127.0.0.1", resolve));
    return scripted;
  }

  /** Base URL, ending in /v1 like OpenAI's. */
  get baseURL(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Queues replies for a path such as "/chat/completions". */
  script(path: string, ...replies: ScriptedReply[]): this {
    this.queues.set(path, [...(this.queues.get(path) ?? []), ...replies]);
    return this;
  }

  /**
   * Answers a path from a function of the request (after any queued replies run out): for
   * agents whose prompts decide the answer, e.g. a transcript looked up by the last message.
   */
  respond(path: string, responder: (request: ReceivedRequest) => ScriptedReply): this {
    this.responders.set(path, responder);
    return this;
  }

  /** Requests received on a path. */
  requests(path: string): ReceivedRequest[] {
    return this.received.filter((request) => request.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A /chat/completions body as OpenAI sends it. */
export function chatCompletion(options: {
  content?: string | null;
  toolCalls?: { id: string; name: string; arguments: string }[];
  model?: string;
  finishReason?: string;
  usage?: Record<string, unknown> | null;
  refusal?: string;
}): Record<string, unknown> {
  const message: Record<string, unknown> = { role: "assistant", content: options.content === undefined ? "ok" : options.content };
  if (options.toolCalls) {
    message.tool_calls = options.toolCalls.map((call) => ({ id: call.id, type: "function", function: { name: call.name, arguments: call.arguments } }));
  }
  if (options.refusal) message.refusal = options.refusal;
  const body: Record<string, unknown> = {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_700_000_000,
    model: options.model ?? "gpt-4o-mini-2024-07-18",
    choices: [{ index: 0, message, finish_reason: options.finishReason ?? (options.toolCalls ? "tool_calls" : "stop") }],
  };
  if (options.usage !== null) {
    body.usage = options.usage ?? { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 };
  }
  return body;
}
