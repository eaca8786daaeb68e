// Makes sure the end-to-end tests have a Chromium, in the order e2e/browser.ts looks for one:
// Playwright's own download, CHROMIUM_PATH, /usr/bin/chromium. When none is there it installs
// one: Playwright's download where the network allows it, else Debian's `chromium` package when
// running as root on Debian. Otherwise it stops and says exactly what to install.
import { execSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findChromium } from "./browser-path.mjs";

function found() {
  const browser = findChromium();
  return browser && `${browser.source}${browser.path ? ` (${browser.path})` : ""}`;
}

function run(command, timeoutMs) {
  console.log(`ensure-browser: ${command}`);
  const result = spawnSync(command, { shell: true, stdio: "inherit", timeout: timeoutMs });
  return result.status === 0;
}

let browser = found();
if (!browser) {
  run("npx playwright install chromium", 180_000);
  browser = found();
}
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!browser && isRoot && existsSync("/etc/debian_version")) {
  run("apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium", 600_000);
  browser = found();
}
if (!browser) {
  let hint = "";
  try {
    hint = execSync("uname -sm").toString().trim();
  } catch {
    hint = process.platform;
  }
  console.error(`
ensure-browser: no Chromium for the end-to-end tests on this machine (${hint}).
Install one of these, then run npm test again:
  - npx playwright install chromium            (needs access to Playwright's download host)
  - sudo apt-get install chromium              (Debian/Ubuntu; found at /usr/bin/chromium)
  - any Chromium or Chrome, and set CHROMIUM_PATH=/path/to/chromium
`);
  process.exit(1);
}
console.log(`ensure-browser: using ${browser}`);
