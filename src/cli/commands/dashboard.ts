import { existsSync } from "node:fs";
import type { Command } from "commander";
import { startDashboard } from "../../dashboard/index.js";
import { KnobsError, ValidationError } from "../../errors/index.js";
import { DEFAULT_STORAGE_URL } from "../../storage/index.js";

/** The results file `knobs bench` writes by default: shown on the benchmark page when present. */
const DEFAULT_RESULTS = "knobs-bench.db";

export function registerDashboard(program: Command): void {
  program
    .command("dashboard")
    .description("serve the local web dashboard: studies, live trials, charts, benchmark runs (Ctrl-C stops it)")
    .option("--storage <url>", "storage URL (default sqlite:knobs.db)")
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--port <n>", "port; 0 picks a free one", (v) => Number(v), 8765)
    .option("--allow-host <names>", "more host names the dashboard answers to (comma-separated), beside 127.0.0.1, localhost, [::1] and --host")
    .option("--results <db>", `a knobs bench results file for the benchmark page (default ${DEFAULT_RESULTS} when it exists)`)
    .action(async (flags: { storage?: string; host: string; port: number; results?: string; allowHost?: string }) => {
      const storage = flags.storage ?? DEFAULT_STORAGE_URL;
      if (!Number.isInteger(flags.port) || flags.port < 0 || flags.port > 65535) throw new KnobsError("invalid_port", `--port: expected an integer from 0 to 65535, received ${flags.port}`);
      // The dashboard only reads: opening a missing SQLite file would create an empty one.
      const file = storage.startsWith("sqlite:") ? storage.slice("sqlite:".length) : null;
      if (file && file !== ":memory:" && !existsSync(file)) {
        throw new KnobsError("no_such_storage", `${file}: no such file; run knobs optimize first, or pass --storage <url>`);
      }
      if (flags.results && !existsSync(flags.results)) throw new KnobsError("no_results", `${flags.results}: no such results file`);
      const results = flags.results ?? (existsSync(DEFAULT_RESULTS) ? DEFAULT_RESULTS : undefined);
      const allowedHosts = flags.allowHost ? flags.allowHost.split(",").map((name) => name.trim()).filter((name) => name !== "") : [];
      const dashboard = await startDashboard({ storage, results, host: flags.host, port: flags.port, allowedHosts }).catch((error: unknown) => {
        if ((error as { code?: string }).code === "EADDRINUSE") {
          throw new KnobsError("port_in_use", `port ${flags.port} on ${flags.host} is in use: pass --port <n> (0 picks a free one)`);
        }
        if (error instanceof ValidationError && error.issues.some((issue) => issue.path[0] === "allowedHosts")) {
          throw new KnobsError("invalid_option", error.issues.map((issue) => `--allow-host: ${issue.message}`).join("\n"));
        }
        throw error;
      });
      process.stdout.write(`knobs dashboard: ${dashboard.url}\n`);
      if (!["127.0.0.1", "localhost", "::1"].includes(flags.host)) {
        process.stderr.write(`knobs: listening on ${flags.host}: anyone who can reach this machine can read these studies\n`);
        process.stderr.write(`knobs: answering Host ${flags.host}${allowedHosts.length ? `, ${allowedHosts.join(", ")}` : ""} and loopback names only; name others with --allow-host\n`);
      }
      await new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      });
      await dashboard.close();
    });
}
