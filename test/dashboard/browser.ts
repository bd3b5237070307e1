/** Chromium for the browser tests and the screenshot script: Debian's, headless, no network. */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.KNOBS_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Why the browser tests cannot run here, or null when they can. Under CI (CI set) a missing
 * chromium is never a reason: the tests run and fail, so it shows.
 */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH) || process.env.CI) return null;
  return `no chromium at ${CHROMIUM_PATH} (install Debian's chromium, or set KNOBS_CHROMIUM); .ci/run installs it`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
