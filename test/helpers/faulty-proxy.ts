import { createServer, connect, type Server, type Socket } from "node:net";

/**
 * A TCP proxy in front of the test server that breaks connections on cue: it can pass a
 * statement to the server and then cut the connection before the client hears back (the
 * write committed; the client cannot know), or refuse new connections for a while.
 */
export class FaultyProxy {
  dropped = 0;
  refused = 0;
  private readonly sockets = new Set<Socket>();
  private trigger: string | null = null;
  private refuseUntil = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<FaultyProxy> {
    const upstream = new URL(target);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    const url = new URL(target);
    url.hostname = "127.0.0.1";
    url.port = String(port);
    const proxy = new FaultyProxy(server, port, url.toString());
    server.on("connection", (client) => proxy.accept(client, upstream.hostname, Number(upstream.port || 5432)));
    return proxy;
  }

  /** The next statement containing `text` runs, and its reply is never delivered. */
  dropReplyTo(text: string): void {
    this.trigger = text;
  }

  /** Cuts every open connection (as a server restart would). */
  cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** Closes new connections at once for `ms` milliseconds. */
  refuseFor(ms: number): void {
    this.refuseUntil = Date.now() + ms;
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: Socket, host: string, port: number): void {
    if (Date.now() < this.refuseUntil) {
      this.refused++;
      client.destroy();
      return;
    }
    const server = connect(port, host);
    this.sockets.add(client).add(server);
    let armed = false;
    client.on("data", (chunk) => {
      if (this.trigger !== null && chunk.includes(this.trigger)) {
        this.trigger = null;
        armed = true;
      }
      server.write(chunk);
    });
    server.on("data", (chunk) => {
      // ReadyForQuery ('Z', length 5) ends the reply: the statement has committed by then.
      if (armed && chunk.includes(Buffer.from([0x5a, 0, 0, 0, 5]))) {
        this.dropped++;
        client.destroy();
        server.destroy();
        return;
      }
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      server.destroy();
      this.sockets.delete(client);
      this.sockets.delete(server);
    };
    client.on("close", close).on("error", close);
    server.on("close", close).on("error", close);
  }
}
