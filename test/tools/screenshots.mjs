// Regenerates the README screenshots from the production build (light, and projector mode in
// dark): a paused lab in which the writer has been stepped into its critical section, one
// reader spins on the odd sequence and another is copying a half-written payload.
// Usage: npm run build && node test/tools/screenshots.mjs
import { gotoWhenUp, launchChromium, startPreview } from "./preview.mjs";

const server = startPreview(4198);
const browser = await launchChromium();

async function open(query, options) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, ...options });
  await gotoWhenUp(page, `${server.url}/${query}`);
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
  await page.evaluate(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined,
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
}

const light = await open("?paused=1&theme=light", { colorScheme: "light" });
await stepTo(light);
await light.screenshot({ path: "docs/screenshot-light.png" });
console.log("wrote docs/screenshot-light.png");

const projector = await open("?paused=1&view=projector&theme=dark", { colorScheme: "dark" });
await stepTo(projector);
await projector.evaluate(() => window.scrollTo(0, 0));
await projector.screenshot({ path: "docs/screenshot-projector.png" });
console.log("wrote docs/screenshot-projector.png");
await browser.close();
server.stop();
process.exit(0);
