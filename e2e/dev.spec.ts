import { expect, test } from "@playwright/test";
import { DEV_URL } from "./ports";

test("in development, React StrictMode's double mount leaves exactly one set of workers", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${DEV_URL}/?w=2&r=3&speed=100`);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId("lane-R3")).toBeVisible();
  await expect.poll(() => page.workers().length, { timeout: 15_000 }).toBe(5);
  await page.waitForTimeout(1500);
  expect(page.workers().length).toBe(5);
  // Only the live set writes: with one writer set, the lock is never seen held by a ghost.
  await expect
    .poll(async () => Number(await page.getByTestId("seq-value").textContent()))
    .toBeGreaterThan(0);
  expect(errors).toEqual([]);
});
