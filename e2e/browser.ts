/**
 * Which Chromium the end-to-end tests drive, decided the same way by the Playwright config
 * and by test/tools/ensure-browser.mjs: Playwright's own download when it is installed, else
 * CHROMIUM_PATH, else Debian's /usr/bin/chromium.
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export function chromiumExecutable(): string | undefined {
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return undefined; // Playwright launches its own
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined;
}
