// Which Chromium the browser tests and benchmarks drive: Playwright's own download when it is
// installed (undefined: Playwright launches it itself), else CHROMIUM_PATH, else Debian's
// /usr/bin/chromium. Returns null when there is none at all.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export function findChromium() {
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return { source: "Playwright's Chromium", path: undefined };
  } catch {
    // Playwright has no browser registered
  }
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return { source: "CHROMIUM_PATH", path: fromEnv };
  if (existsSync("/usr/bin/chromium"))
    return { source: "system Chromium", path: "/usr/bin/chromium" };
  return null;
}

/** Launch options for Playwright: the executable when it is not Playwright's own. */
export function chromiumExecutable() {
  return findChromium()?.path;
}

/** Flags for this closed network: no background requests Chromium would make on its own. */
export const CHROMIUM_ARGS = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
