// Regenerates the README screenshots from the production build: a paused lab in which the
// writer has been stepped into its critical section and a reader spins on the odd sequence.
// Usage: npm run build && node test/tools/screenshots.mjs
import { spawn } from "node:child_process";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "./browser-path.mjs";

const port = 4198;
const server = spawn("npx", ["vite", "preview", "--port", String(port), "--strictPort"], {
  stdio: "ignore",
  detached: true,
});
const stop = () => {
  try {
    process.kill(-server.pid);
  } catch {}
};
process.on("exit", stop);

const executablePath = chromiumExecutable();
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: CHROMIUM_ARGS,
});

async function open(query, options) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, ...options });
  for (let i = 0; ; i++) {
    try {
      await page.goto(`http://localhost:${port}/${query}`);
      break;
    } catch (error) {
      if (i > 40) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  await page.getByTestId("lane-W1").waitFor();
  return page;
}

async function stepTo(page) {
  const step = async (name, times) => {
    for (let i = 0; i < times; i++) {
      await page.getByRole("button", { name }).click();
      await page.waitForTimeout(60);
    }
  };
  await step("Step reader R2 by one step", 3);
  await step("Step writer W1 by one step", 4);
  await step("Step reader R1 by one step", 2);
  await page.waitForTimeout(300);
}

const light = await open("?paused=1", { colorScheme: "light" });
await stepTo(light);
await light.screenshot({ path: "docs/screenshot-light.png" });
console.log("wrote docs/screenshot-light.png");
await browser.close();
stop();
process.exit(0);
