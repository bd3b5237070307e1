/**
 * The dashboard answers only requests whose Host header names it (a loopback name, the --host
 * it was started with, or an allowed name), so a web page that rebinds its own DNS name to
 * 127.0.0.1 cannot read the studies. Real HTTP requests with forged Host headers.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard, type RunningDashboard } from "../../src/dashboard/index.js";
import { getWithHost } from "./get-with-host.js";

describe("dashboard Host header", () => {
  let dashboard: RunningDashboard;
  let port: string;

  beforeAll(async () => {
    dashboard = await startDashboard({ storage: "memory:" });
    port = new URL(dashboard.url).port;
  });
  afterAll(() => dashboard?.close());

  it("answers loopback names with the dashboard's port", async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LocalHost:${port}`]) {
      const answer = await getWithHost(dashboard.url, "/api/studies", host);
      expect({ host, status: answer.status, body: answer.body }).toEqual({ host, status: 200, body: "[]" });
    }
  });

  it("refuses any other Host with 403 and a short body, on pages and the API alike", async () => {
    const forged = [`evil.example:${port}`, "evil.example", `127.0.0.1.evil.example:${port}`, `localhost.evil.example:${port}`, `localhost:${Number(port) + 1}`, `localhost`, `127.0.0.2:${port}`, `[::2]:${port}`];
    for (const host of forged) {
      for (const path of ["/", "/api/studies", "/api/studies/x/events", "/bench"]) {
        const answer = await getWithHost(dashboard.url, path, host);
        expect({ host, path, status: answer.status }).toEqual({ host, path, status: 403 });
        expect(answer.body).toBe(`knobs dashboard: the Host ${JSON.stringify(host)} is not allowed (DNS rebinding guard); allowed: 127.0.0.1:${port}, localhost:${port}, [::1]:${port}\n`);
      }
    }
  });

  it("refuses a request with no Host header (Node answers HTTP/1.1 with 400, the guard HTTP/1.0 with 403)", async () => {
    expect((await getWithHost(dashboard.url, "/api/studies", null)).status).toBe(400);
    const raw = await new Promise<string>((done, fail) => {
      let text = "";
      const socket = connect(Number(port), "127.0.0.1", () => socket.end("GET /api/studies HTTP/1.0\r\n\r\n"));
      socket.setEncoding("utf8");
      socket.on("data", (chunk) => (text += chunk));
      socket.on("end", () => done(text));
      socket.on("error", fail);
    });
    expect(raw).toMatch(/^HTTP\/1\.[01] 403 /);
    expect(raw).toMatch(/\r\n\r\nknobs dashboard: a request without a Host header is not allowed \(DNS rebinding guard\); allowed: 127\.0\.0\.1:\d+, /);
  });
});

describe("dashboard Host header with --host and allowed names", () => {
  it("also answers the host it listens on, and the names given in allowedHosts", async () => {
    // 127.0.0.2 is a loopback address too (127.0.0.0/8), but not one of the default names.
    const dashboard = await startDashboard({ storage: "memory:", host: "127.0.0.2", allowedHosts: ["Knobs.Lan"] });
    try {
      const port = new URL(dashboard.url).port;
      expect(dashboard.url).toBe(`http://127.0.0.2:${port}/`);
      for (const host of [`127.0.0.2:${port}`, `127.0.0.1:${port}`, `knobs.lan:${port}`]) {
        expect({ host, status: (await getWithHost(dashboard.url, "/api/studies", host)).status }).toEqual({ host, status: 200 });
      }
      const refused = await getWithHost(dashboard.url, "/api/studies", `evil.example:${port}`);
      expect(refused.status).toBe(403);
      expect(refused.body).toContain(`allowed: 127.0.0.1:${port}, localhost:${port}, [::1]:${port}, 127.0.0.2:${port}, knobs.lan:${port}`);
    } finally {
      await dashboard.close();
    }
  });

  it("rejects an allowed host that is not a host name", async () => {
    await expect(startDashboard({ storage: "memory:", allowedHosts: ["evil.example/path"] })).rejects.toThrow(
      'startDashboard: allowedHosts: expected host names or IP addresses (without a port), received "evil.example/path"',
    );
  });
});
