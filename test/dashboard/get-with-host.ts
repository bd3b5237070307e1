/** A GET request with a Host header of the test's choosing (fetch cannot set one). */
import { request } from "node:http";

export interface Answer {
  status: number;
  body: string;
}

/** GET `path` from the dashboard at `url` with the Host header `host` (or none when null), over HTTP/1.1. */
export function getWithHost(url: string, path: string, host: string | null): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const headers: Record<string, string> = host === null ? {} : { host };
    const req = request({ hostname, port, path, headers, setHost: false, agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => done({ status: response.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end();
  });
}
