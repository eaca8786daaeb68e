/**
 * The engine in a real Chromium, against the production build: real Workers on one
 * SharedArrayBuffer, driven through the UI as a teacher would.
 */
import { expect, test } from "@playwright/test";
import { collectErrors, seq, step, steps } from "./helpers";

test("runs the configured number of real workers in an isolated page, and the sequence advances", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto("/?speed=10");
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId("lane-W1")).toBeVisible();
  await expect.poll(() => page.workers().length).toBe(3);
  const first = await seq(page);
  await expect.poll(() => seq(page)).toBeGreaterThan(first + 4);
  // The sequence only ever moves forward, and readers accept real, consistent values.
  await expect
    .poll(async () => Number(await page.getByTestId("ops-R1").textContent()))
    .toBeGreaterThan(0);
  await expect(page.getByTestId("torn-R1")).toHaveText("0");
  expect(errors).toEqual([]);
});

test("pausing everything freezes the sequence", async ({ page }) => {
  await page.goto("/?speed=1");
  await expect.poll(() => seq(page)).toBeGreaterThan(2);
  await page.getByRole("button", { name: "Pause all threads" }).click();
  await expect(page.getByRole("button", { name: "Run all threads" })).toBeVisible();
  await page.waitForTimeout(100); // a step already under way may still land
  const frozen = await seq(page);
  const stepsW1 = await steps(page, "W1");
  await page.waitForTimeout(700);
  expect(await seq(page)).toBe(frozen);
  expect(await steps(page, "W1")).toBe(stepsW1);
  await page.getByRole("button", { name: "Run all threads" }).click();
  await expect.poll(() => seq(page)).toBeGreaterThan(frozen);
});

test("stepping the writer advances one step at a time; a reader spins on odd, then accepts", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto("/?paused=1&words=4&speed=20");
  await expect.poll(() => page.workers().length).toBe(3);
  await page.waitForTimeout(300);
  expect(await steps(page, "W1")).toBe(0);
  expect(await seq(page)).toBe(0);

  await step(page, "writer", "W1");
  await expect(page.getByTestId("last-step-W1")).toHaveText(/took the writer lock/);
  await expect(page.getByTestId("lock-state")).toHaveText("held by W1");
  expect(await seq(page)).toBe(0);

  await step(page, "writer", "W1");
  await expect(page.getByTestId("last-step-W1")).toHaveText(/seq -> 1 \(odd\)/);
  await expect(page.getByTestId("seq-value")).toHaveText("1");
  await expect(page.getByTestId("seq-parity")).toHaveText("odd");

  await step(page, "writer", "W1"); // data[0] = 1: the payload is half-written
  await expect(page.getByTestId("word-0")).toHaveText("1");
  await expect(page.getByTestId("word-1")).toHaveText("0");
  await expect(page.getByTestId("word-0")).toHaveAttribute("data-lit", "true");

  for (let i = 0; i < 3; i++) await step(page, "reader", "R1");
  await expect(page.getByTestId("state-R1")).toHaveText("spinning: sequence is odd");
  await expect(page.getByTestId("ops-R1")).toHaveText("0");

  // Resuming lets the writer finish and the reader accept a consistent value.
  await page.getByRole("button", { name: "Resume writer W1" }).click();
  await page.getByRole("button", { name: "Resume reader R1" }).click();
  await expect
    .poll(async () => Number(await page.getByTestId("ops-R1").textContent()))
    .toBeGreaterThan(0);
  await expect(page.getByTestId("torn-R1")).toHaveText("0");
  expect(errors).toEqual([]);
});

test("adding and removing threads changes the live workers; reset leaves no stale set", async ({
  page,
}) => {
  await page.goto("/?speed=50");
  await expect.poll(() => page.workers().length).toBe(3);
  await page.getByRole("button", { name: "Add a reader" }).click();
  await expect(page.getByTestId("lane-R3")).toBeVisible();
  await expect.poll(() => page.workers().length).toBe(4);
  await page.getByRole("button", { name: "Add a writer" }).click();
  await expect.poll(() => page.workers().length).toBe(5);
  await page.getByRole("button", { name: "Remove a writer" }).click();
  await page.getByRole("button", { name: "Remove a reader" }).click();
  await expect.poll(() => page.workers().length).toBe(3);
  await expect(page).toHaveURL(/speed=50$/);
  for (let i = 0; i < 3; i++) {
    await page.getByRole("button", { name: /^Reset/ }).click();
    await expect.poll(() => page.workers().length).toBe(3);
  }
  await expect.poll(() => seq(page)).toBeGreaterThan(0);
});

test("a worker that fails to load is named in the page, and restart recovers", async ({ page }) => {
  let failing = true;
  await page.route(/thread\.worker/, (route) =>
    failing ? route.fulfill({ status: 500, body: "" }) : route.continue(),
  );
  await page.goto("/");
  await expect(page.getByRole("alert").first()).toContainText("failed");
  await expect(page.getByText(/Thread W1 failed/)).toBeVisible();
  failing = false;
  await page.getByRole("button", { name: "Restart all threads" }).click();
  await expect.poll(() => page.workers().length).toBe(3);
  await expect(page.getByText(/Thread W1 failed/)).toHaveCount(0);
});
