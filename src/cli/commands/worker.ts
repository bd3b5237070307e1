import type { Command } from "commander";
import { KnobsError } from "../../errors/index.js";
import { openStorage } from "../../storage/index.js";
import { loadStudyConfig, parseStudyConfig } from "../../study/index.js";
import { requireStudy } from "./open-cli-storage.js";
import { runStudyConfig, STORED_CONFIG_KEY, taskDefaults, type OptimizeFlags } from "./optimize.js";

export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("join a study started by knobs optimize: run its objective until its budget is spent")
    .requiredOption("--storage <url>", "the study's storage (sqlite:<file> shared on this machine, or postgres://...)")
    .requiredOption("--study <name>", "the study to join")
    .option("--config <file>", "use this config file instead of the one stored with the study")
    .option("--json", "print one JSON summary on stdout and no progress")
    .option("--no-progress", "no progress bar or trial lines")
    .action(async (flags: OptimizeFlags & { storage: string; study: string; config?: string }) => {
      const loaded = flags.config ? loadStudyConfig(flags.config, { resolveTask: taskDefaults }) : await storedConfig(flags.storage, flags.study);
      if (loaded.config.study !== flags.study) {
        throw new KnobsError("study_mismatch", `${loaded.file}: study: the config is for study "${loaded.config.study}", not "${flags.study}"`);
      }
      process.exitCode = await runStudyConfig(loaded, flags);
    });
}

/** The config `knobs optimize` stored with the study; its paths resolve where they did there. */
async function storedConfig(url: string, name: string) {
  const storage = await openStorage(url);
  try {
    const study = await requireStudy(storage, name);
    const stored = study.userAttrs[STORED_CONFIG_KEY] as { file: string; baseDir: string; config: unknown } | undefined;
    if (!stored) throw new KnobsError("no_stored_config", `study "${name}" was not started by knobs optimize: pass its config with --config`);
    return parseStudyConfig(stored.config, { file: `${stored.file} (stored with study "${name}")`, baseDir: stored.baseDir }, { resolveTask: taskDefaults });
  } finally {
    await storage.close();
  }
}
