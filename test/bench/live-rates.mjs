// Full-speed rates of the real app in headless Chromium: opens the production build (served by
// `vite preview`, started here) at full speed and reads the per-thread counters the page shows
// (sampled from the shared buffer) twice, N seconds apart.
// Usage: node test/bench/live-rates.mjs [--writers 1] [--readers 1] [--words 4] [--seconds 5]
import { gotoWhenUp, launchChromium, startPreview } from "../tools/preview.mjs";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const writers = opt("writers", 1);
const readers = opt("readers", 1);
const words = opt("words", 4);
const seconds = opt("seconds", 5);
const server = startPreview(4199);
const browser = await launchChromium();
const page = await browser.newPage();
await gotoWhenUp(page, `${server.url}/?speed=full&w=${writers}&r=${readers}&words=${words}`);
const sample = () =>
  page.evaluate(() => {
    const num = (el) => Number((el?.textContent ?? "0").replace(/,/g, ""));
    const out = { reads: 0, retries: 0, spins: 0, writes: 0, torn: 0 };
    for (const lane of document.querySelectorAll("[data-testid^=lane-]")) {
      const dds = lane.querySelectorAll(".counters dd");
      if (lane.dataset.testid.startsWith("lane-W")) out.writes += num(dds[0]);
      else {
        out.reads += num(dds[0]);
        out.retries += num(dds[1]);
        out.spins += num(dds[2]);
        out.torn += num(dds[3]);
      }
    }
    return { t: performance.now(), ...out };
  });
await page.waitForTimeout(1500); // workers started, JIT warm
const a = await sample();
await page.waitForTimeout(seconds * 1000);
const b = await sample();
const dt = (b.t - a.t) / 1000;
const rate = (k) => ((b[k] - a[k]) / dt / 1e6).toFixed(3);
console.log(
  `Chromium, ${writers} writer(s) + ${readers} reader(s), ${words}-word payload, full speed, ${dt.toFixed(1)} s:`,
);
console.log(`  accepted reads/s ${rate("reads")} M`);
console.log(`  retries/s        ${rate("retries")} M`);
console.log(`  odd spins/s      ${rate("spins")} M`);
console.log(`  writes/s         ${rate("writes")} M`);
console.log(`  torn accepted    ${b.torn}`);
await browser.close();
server.stop();
process.exit(0);
