/** What several end-to-end specs read from the page the same way. */
import { expect, type Page } from "@playwright/test";

export async function seq(page: Page): Promise<number> {
  return Number(await page.getByTestId("seq-value").textContent());
}

export async function steps(page: Page, thread: string): Promise<number> {
  return Number(await page.getByTestId(`steps-${thread}`).textContent());
}

/** Steps a paused thread once and waits until its own status says the step was taken. */
export async function step(page: Page, label: string, thread: string): Promise<void> {
  const before = await steps(page, thread);
  await page.getByRole("button", { name: `Step ${label} ${thread} by one step` }).click();
  await expect.poll(() => steps(page, thread)).toBe(before + 1);
}

/** Page errors and console errors, collected for an `expect(errors).toEqual([])`. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return errors;
}
