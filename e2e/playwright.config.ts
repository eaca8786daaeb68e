import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "../test/tools/browser-path.mjs";
import { DEV_PORT, DEV_URL, PLAIN_PORT, PLAIN_URL, PREVIEW_PORT } from "./ports";

const executablePath = chromiumExecutable();

/**
 * End-to-end tests run against the production build: `vite preview` (with COOP/COEP) and a
 * plain static server without those headers, to see the page explain what is missing. The dev
 * server is there for what only happens in development (StrictMode's double effects).
 */
export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: "../.test-reports/e2e.json" }]],
  use: {
    baseURL: `http://localhost:${PREVIEW_PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: `npx vite preview --port ${PREVIEW_PORT} --strictPort`,
      cwd: "..",
      url: `http://localhost:${PREVIEW_PORT}`,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: `node test/tools/static-server.mjs dist ${PLAIN_PORT}`,
      cwd: "..",
      url: PLAIN_URL,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: `npx vite --port ${DEV_PORT} --strictPort`,
      cwd: "..",
      url: DEV_URL,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
