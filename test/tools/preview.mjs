// Shared by the benchmark and screenshot scripts: serve the production build with
// `vite preview` (COOP/COEP on), launch Chromium, and open a page once the server answers.
import { spawn } from "node:child_process";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "./browser-path.mjs";

/** Starts `vite preview` on `port`; the returned stop() also runs when the process exits. */
export function startPreview(port) {
  const server = spawn("npx", ["vite", "preview", "--port", String(port), "--strictPort"], {
    stdio: "ignore",
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid);
    } catch {
      // already gone
    }
  };
  process.on("exit", stop);
  return { url: `http://localhost:${port}`, stop };
}

export function launchChromium(extraArgs = []) {
  const executablePath = chromiumExecutable();
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/** page.goto, retried while the server is still starting. */
export async function gotoWhenUp(page, url) {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.goto(url);
      return;
    } catch (error) {
      if (attempt > 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
