/**
 * Smoke run of the benchmark harness (the in-browser half of `npm run bench`) on the production
 * build: it measures real workers and reports every field the table and --json need.
 */
import { expect, test } from "@playwright/test";

test("the benchmark page measures real workers for each lock", async ({ page }) => {
  await page.goto("/src/bench/bench.html");
  await expect(page.locator("#out")).toHaveText("ready");
  for (const lock of ["seqlock", "mutex", "rwlock"] as const) {
    const result = await page.evaluate(
      (lock) =>
        window.runBench({
          lock,
          readerVariant: "seqlock",
          writers: 1,
          readers: 1,
          words: 4,
          seconds: 0.3,
          warmupSeconds: 0.1,
        }),
      lock,
    );
    expect(result.acceptedPerSec, lock).toBeGreaterThan(0);
    expect(result.writesPerSec, lock).toBeGreaterThan(0);
    expect(result.readsPerSec, lock).toBeGreaterThanOrEqual(result.acceptedPerSec);
    expect(result.tornAccepted, lock).toBe(0);
    expect(Number.isFinite(result.writerP99Us), lock).toBe(true);
  }
  await expect.poll(() => page.workers().length).toBe(0);
});
