/**
 * Record, replay, share and explore, on the real workers of the production build.
 */
import { expect, type Page, test } from "@playwright/test";
import { collectErrors, step } from "./helpers";

const counter = async (page: Page, id: string) =>
  Number((await page.getByTestId(id).textContent())?.replace(/,/g, ""));

/** The log without its timestamps: what each thread did and saw, in order. */
async function logLines(page: Page): Promise<string[]> {
  const text = (await page.getByTestId("event-log").textContent()) ?? "";
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => l.replace(/^\[\s*[\d.]+\]\s/, ""));
}

/** A reader's copies and counters as the page shows them. */
async function outcome(page: Page) {
  return {
    log: (await logLines(page)).filter((l) => !l.startsWith("thread ")),
    seq: await page.getByTestId("seq-value").textContent(),
    words: await page.locator("[data-testid^=word-]").allTextContents(),
    r1: await page.getByTestId("accepted-copy-R1").textContent(),
    r2: await page.getByTestId("accepted-copy-R2").textContent(),
    d1: await page.getByTestId("discarded-R1").textContent(),
    d2: await page.getByTestId("discarded-R2").textContent(),
  };
}

const LINK = "/?r=2&words=3&paused=1&sched=R1+W1*2+R2*2+W1*3+R1*3+R2*2+W1*2+R1*5+R2*5+W1*6+R1*4";

test("the same linked schedule, replayed twice on fresh workers, gives identical steps and values", async ({
  browser,
}) => {
  const runs = [];
  for (let i = 0; i < 2; i++) {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(LINK);
    await expect(page.getByTestId("schedule")).toHaveText(
      /^R1 W1 W1 R2 R2 W1 W1 W1 R1 R1 R1 R2 R2 W1 W1 (R1 ){5}(R2 ){5}(W1 ){6}R1 R1 R1 R1$/,
      { timeout: 15_000 },
    );
    await page.waitForTimeout(300); // step messages arrive a moment after the status words
    runs.push(await outcome(page));
    expect(errors).toEqual([]);
    await page.close();
  }
  expect(runs[0].log.length).toBeGreaterThan(10);
  expect(runs[1]).toEqual(runs[0]);
  expect(runs[0].seq).toBe("3"); // W1 is inside its second write
});

test("a link replays to its cursor; Play and Next step continue from there", async ({ page }) => {
  await page.goto("/?r=1&words=2&paused=1&sched=W1*6+R1*4&at=2");
  await expect(page.getByTestId("schedule")).toHaveText("W1 W1", { timeout: 10_000 });
  await expect(page.getByTestId("schedule-pending")).toHaveText("W1*4 R1*4");
  await expect(page.getByTestId("seq-value")).toHaveText("1");
  await page.getByRole("button", { name: "Next step" }).click();
  await expect(page.getByTestId("schedule")).toHaveText("W1 W1 W1");
  await expect(page).toHaveURL(/at=3/);
  await page.getByLabel("Replay speed").selectOption("10");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect(page.getByTestId("accepted-copy-R1")).toHaveText("[1, 1]", { timeout: 10_000 });
  await expect(page.getByTestId("schedule-pending")).toHaveCount(0);
  await expect(page).not.toHaveURL(/at=/);
});

test("a typed schedule is checked: the first bad token is named and the lab stays usable", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto("/?r=1&paused=1");
  await page.getByRole("button", { name: /^Scheduler mode/ }).click();
  const input = page.getByLabel("Load a schedule");
  await input.fill("W1 W1 R3 R1");
  await page.getByRole("button", { name: "Load", exact: true }).click();
  await expect(page.getByTestId("schedule-error")).toContainText('Step token 3, "R3"');
  await expect(page.getByTestId("schedule-error")).toContainText("no R3 in this set-up");
  await step(page, "writer", "W1");
  await expect(page.getByTestId("schedule")).toHaveText("W1");
  await input.fill("W1*2 R1");
  await page.getByRole("button", { name: "Load", exact: true }).click();
  await expect(page.getByTestId("schedule-error")).toHaveCount(0);
  await expect(page.getByTestId("schedule-pending")).toHaveText("W1*2 R1");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect(page.getByTestId("schedule")).toHaveText("W1 W1 R1", { timeout: 10_000 });
  await expect(page.getByTestId("state-R1")).toHaveText("spinning: sequence is odd");
  expect(errors).toEqual([]);
});

test("a malformed schedule link says what is wrong and the lab still runs", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto("/?r=1&sched=W1+Q7+R1&at=zz");
  await expect(page.getByRole("status").filter({ hasText: "sched" })).toContainText('"Q7"');
  await expect.poll(() => counter(page, "ops-R1"), { timeout: 10_000 }).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test("explorer: hand-checked counts, and a torn interleaving really tears on real workers", async ({
  page,
}) => {
  await page.goto("/?r=1");
  await page.getByText("Explore every interleaving").click();
  await page.getByRole("button", { name: "Explore", exact: true }).click();
  await expect(page.getByTestId("explored-plain-loads")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("explored-seqlock-torn")).toHaveText("0");
  await expect(page.getByTestId("explored-seqlock-consistent")).toHaveText("10");
  await expect(page.getByTestId("explored-no-recheck-torn")).toHaveText("38");
  await expect(page.getByTestId("explored-no-odd-check-torn")).toHaveText("5");
  await page.getByTestId("explored-no-odd-check-torn").getByRole("button").click();
  const examples = page.getByTestId("explorer-examples").locator("li");
  await expect(examples).toHaveCount(5);
  await page
    .getByRole("button", { name: /^Watch / })
    .first()
    .click();
  // Watching starts the replay at once; a faster speed takes over where it is.
  await expect(page).toHaveURL(/rv=no-odd-check/);
  await page.getByLabel("Replay speed").selectOption("10");
  await expect.poll(() => counter(page, "torn-R1"), { timeout: 15_000 }).toBe(1);
  await expect(page.getByTestId("torn-copy-R1")).toHaveAttribute("data-torn", "true");
});

test("free-run capture: a slowed run becomes a schedule whose replay matches it step for step", async ({
  page,
}) => {
  // Two writers and two readers, 2 ms per step: steps of different threads often fall in the
  // same 5 µs clock tick, so only the step order (not timestamps) can replay this exactly.
  await page.goto("/?w=2&r=2&speed=2&rest=12");
  await expect.poll(() => counter(page, "ops-R1"), { timeout: 10_000 }).toBeGreaterThan(5);
  await page.getByRole("button", { name: "Pause all threads" }).click();
  await page.getByRole("button", { name: /^Capture/ }).click();
  // The run up to the window is replayed at once; the cursor stops 60 steps before the end.
  await expect(page.getByTestId("replay-check")).toContainText("matches the captured run", {
    timeout: 30_000,
  });
  await expect(page.getByTestId("schedule-pending")).toBeVisible();
  await page.getByLabel("Replay speed").selectOption("0");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect(page.getByTestId("schedule-pending")).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId("replay-check")).toContainText("matches the captured run");
});
