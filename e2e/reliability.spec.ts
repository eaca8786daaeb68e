/**
 * Reliability on the production build: hundreds of set-up changes without a stray worker or an
 * error, hundreds of malformed links that all render with a notice, a thread that dies, and the
 * service-worker fallback on a host that sends no headers.
 */
import { expect, type Page, test } from "@playwright/test";
import { KNOWN_PARAMETERS } from "../src/lab/config";
import { collectErrors } from "./helpers";
import { PLAIN_URL } from "./ports";

async function configuredThreads(page: Page): Promise<number> {
  return page.evaluate(() =>
    [...document.querySelectorAll(".counter output")].reduce(
      (n, o) => n + Number(o.textContent),
      0,
    ),
  );
}

/** Lessons the cycle test switches between ("" is free play). */
const LESSONS = [
  "",
  "seed",
  "odd",
  "retry",
  "turns",
  "pointers",
  "or-lock",
  "latch",
  "broken-writers",
];

/** A tiny seeded generator, so a failing cycle can be reproduced. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

test("200 cycles of start, change and reset: no error, and live workers always match", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  const rand = random(20261127);
  await page.goto("/?speed=10");
  await expect.poll(() => page.workers().length).toBe(3);
  // Clicks go straight to the buttons' handlers: 200 cycles of Playwright's pointer checks
  // would take minutes on two busy cores and test nothing more about the lab.
  const press = (label: string) =>
    page.evaluate((label) => {
      const button = [...document.querySelectorAll("button")].find(
        (b) => b.getAttribute("aria-label") === label,
      );
      if (!button || button.disabled) return false;
      button.click();
      return true;
    }, label);
  const reset = "Reset: restart every thread on a fresh buffer";
  for (let cycle = 0; cycle < 200; cycle++) {
    const action = Math.floor(rand() * 8);
    // Thread counts stay within what two cores can run flat out while the test drives the page.
    const threads = await configuredThreads(page);
    if (action === 0 && threads < 5) await press("Add a reader");
    else if (action === 1) await press("Remove a reader");
    else if (action === 2 && threads < 5) await press("Add a writer");
    else if (action === 3) await press("Remove a writer");
    else if (action === 4) {
      // Pause everything, step W1 into its critical section (lock held, sequence odd), reset.
      await press("Pause all threads");
      // W1 stopped wherever it was; step it until it is mid-write (another paused writer may
      // hold the lock, and then W1 waits: that is a state worth resetting from too).
      for (let i = 0; i < 12; i++) {
        const midWrite = await page.evaluate(
          () =>
            document.querySelector('[data-testid="lock-state"]')?.textContent === "held by W1" &&
            document.querySelector('[data-testid="seq-parity"]')?.textContent === "odd",
        );
        if (midWrite) break;
        const before = await page.getByTestId("steps-W1").textContent();
        await press("Step writer W1 by one step");
        await expect(page.getByTestId("steps-W1")).not.toHaveText(before ?? "");
      }
      await press(reset);
      await press("Run all threads");
    } else if (action === 5) {
      const speed = ["0", "1", "10", "100"][Math.floor(rand() * 4)];
      await page.getByRole("combobox", { name: "Speed of all threads" }).selectOption(speed);
    } else if (action === 6) await press(reset);
    else if (action === 7) {
      // Switch lesson, often mid-script (scheduler mode, a writer paused inside), or back to
      // free play. The comparison lesson runs labs of its own and is left to its own test.
      const lesson = LESSONS[Math.floor(rand() * LESSONS.length)];
      await page.getByRole("combobox", { name: "Lesson", exact: true }).selectOption(lesson);
    }
    const expected = await configuredThreads(page);
    await expect
      .poll(() => page.workers().length, {
        message: `cycle ${cycle}, action ${action}`,
        intervals: [10, 20, 50, 100],
      })
      .toBe(expected);
  }
  await expect
    .poll(async () => Number(await page.getByTestId("seq-value").textContent()))
    .toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

/** Random, mostly malformed links; each one carries at least one thing the app must ignore. */
function fuzzQuery(rand: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const junk = () =>
    pick([
      "",
      "-1",
      "999999999999",
      "1e3",
      "NaN",
      "0x10",
      "%E2%9C%93",
      "%ZZ",
      "null",
      "<script>",
      "1.5",
      " 3 ",
      "🧵",
      "W9:1",
      "R0:5",
      "true",
      "a".repeat(300),
      // Valid values too, so that lessons and schedules are opened among the junk.
      "retry",
      "compare",
      "W1*2+R1",
      "2",
    ]);
  const keys = [...KNOWN_PARAMETERS];
  const parts: string[] = [];
  const count = 1 + Math.floor(rand() * 5);
  for (let i = 0; i < count; i++) parts.push(`${pick(keys)}=${junk()}`);
  // One certainly ignored item: an unknown key, or a known key with a value no parser accepts.
  parts.push(rand() < 0.5 ? `zz${Math.floor(rand() * 1000)}=${junk()}` : `${pick(keys)}=%%bad%%`);
  if (rand() < 0.2) parts.push("&&&==&");
  return parts.sort(() => rand() - 0.5).join("&");
}

/**
 * `npm test` opens 24 such links (every one a real page load with its workers); the full run,
 * `npm run test:fuzz`, opens 500. parseConfig itself is fuzzed with 5000 queries in the unit
 * tests.
 */
const FUZZ_URLS = Number(process.env.FUZZ_URLS ?? 24);

test(`${FUZZ_URLS} random and malformed links: the page always renders and says what it ignored`, async ({
  browser,
}) => {
  test.setTimeout(120_000 + FUZZ_URLS * 1000);
  const rand = random(7);
  const queries = Array.from({ length: FUZZ_URLS }, () => fuzzQuery(rand));
  const lanes = 2;
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const page = await browser.newPage();
      const errors = collectErrors(page);
      for (let i = lane; i < queries.length; i += lanes) {
        const query = queries[i];
        errors.length = 0;
        // paused=1 first (the first value of a key wins): hundreds of labs, none spinning.
        await page.goto(`/?paused=1&${query}`);
        try {
          await expect(page.getByRole("heading", { name: /Seqlock Lab/ }).first()).toBeVisible();
          await expect(page.locator(".notice[role=status] li").first()).toBeVisible();
        } catch (error) {
          failures.push(`?${query}: ${String(error).split("\n")[0]}`);
        }
        if (errors.length) failures.push(`?${query}: ${errors.join("; ")}`);
      }
      await page.close();
    }),
  );
  expect(failures).toEqual([]);
});

test("a thread made to throw is named with its error; the rest of the page works; restart recovers", async ({
  page,
}) => {
  await page.goto("/?fail=W1:4&speed=10");
  const alert = page.getByRole("alert").filter({ hasText: "Thread W1 failed" });
  await expect(alert).toContainText("told to fail after 4 steps");
  // W1 died inside its critical section: the lock stays held and the sequence odd, forever.
  await expect(page.getByTestId("lock-state")).toHaveText("held by W1");
  await expect(page.getByTestId("seq-parity")).toHaveText("odd");
  await expect.poll(() => page.workers().length).toBe(2);
  await expect(page.getByTestId("state-R1")).toHaveText("spinning: sequence is odd");
  // The page still works: pause and resume a reader.
  await page.getByRole("button", { name: "Pause reader R1" }).click();
  await expect(page.getByRole("button", { name: "Resume reader R1" })).toBeVisible();

  await page.getByRole("button", { name: "Restart all threads" }).click();
  await expect(alert).toHaveCount(0);
  await expect.poll(() => page.workers().length).toBe(3);
  await expect
    .poll(async () => Number(await page.getByTestId("seq-value").textContent()))
    .toBeGreaterThan(4);
  await expect(page).not.toHaveURL(/fail=/);
});

test("on a host without COOP/COEP the service worker isolates the page after one reload", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(`${PLAIN_URL}/?speed=10`);
  await expect(page.getByTestId("lane-W1")).toBeVisible({ timeout: 15_000 });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect.poll(() => page.workers().length).toBe(3);
  await expect
    .poll(async () => Number(await page.getByTestId("seq-value").textContent()))
    .toBeGreaterThan(2);
  expect(errors).toEqual([]);
});

test("offline: once opened, the lab reopens and runs from the service worker's copy", async ({
  page,
  context,
}) => {
  await page.goto(`${PLAIN_URL}/?speed=10`);
  await expect(page.getByTestId("lane-W1")).toBeVisible({ timeout: 15_000 });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  // The reload that isolated the page went through the service worker, which kept a copy.
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByTestId("lane-W1")).toBeVisible({ timeout: 15_000 });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect.poll(() => page.workers().length).toBe(3);
    await expect
      .poll(async () => Number(await page.getByTestId("seq-value").textContent()))
      .toBeGreaterThan(2);
  } finally {
    await context.setOffline(false);
  }
});

test("with the fallback turned off, a header-less host gets an explanation instead", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(`${PLAIN_URL}/?coi=0`);
  await expect(
    page.getByRole("heading", { name: "Seqlock Lab cannot run its threads here" }),
  ).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("not cross-origin isolated");
  await expect(page.getByText("The service-worker fallback is turned off")).toBeVisible();
  expect(page.workers().length).toBe(0);
  expect(errors).toEqual([]);
});
