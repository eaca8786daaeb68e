// `npm run bench:ui`: the UI budgets, measured in headless Chromium on the production build.
//   - initial JS (gzip) from dist/index.html: entry + everything it preloads; lazy chunks apart
//   - frame intervals (median, p95, max) with every thread flat out, and while stepping
//   - step click -> the new step on screen (p50, p95)
//   - JS heap and frame rate over a long run at full speed
// options: --seconds S (each frame measurement, default 5), --long S (long run, default 30;
//          600 for the 10-minute figure), --json
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { gotoWhenUp, launchChromium, startPreview } from "../tools/preview.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = option("seconds", 5);
const longSeconds = option("long", 30);
const json = args.includes("--json");
const say = (...line) => {
  if (!json) console.log(...line);
};

// ---- bundle ----------------------------------------------------------------------------------
function bundle() {
  const html = readFileSync("dist/index.html", "utf8");
  const initial = new Set();
  for (const m of html.matchAll(/<script[^>]*src="([^"]+\.js)"/g)) initial.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g))
    initial.add(m[1]);
  const gz = (file) => gzipSync(readFileSync(join("dist", file))).length;
  const initialBytes = [...initial].reduce((n, f) => n + gz(f), 0);
  return { initialJsGzipKb: initialBytes / 1024, initialFiles: [...initial] };
}

const stats = (values) => {
  const v = [...values].sort((a, b) => a - b);
  const at = (p) => v[Math.min(v.length - 1, Math.floor((p / 100) * v.length))];
  return { n: v.length, median: at(50), p95: at(95), max: v[v.length - 1] };
};
const fmt = (s) =>
  `median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (${s.n} frames)`;

// ---- browser ---------------------------------------------------------------------------------
const server = startPreview(4196);
const browser = await launchChromium(["--enable-precise-memory-info"]);

async function open(query) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await gotoWhenUp(page, `${server.url}/${query}`);
  await page.getByTestId("lane-W1").waitFor();
  return page;
}

/** rAF intervals over `ms`, while `during` (optional) drives the page. */
async function frames(page, ms, during) {
  await page.evaluate((ms) => {
    window.__frames = [];
    let last = performance.now();
    const end = last + ms;
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, ms);
  if (during) await during();
  await page.waitForTimeout(ms + 100);
  return stats((await page.evaluate(() => window.__frames)).slice(1));
}

const result = { ...bundle() };
say(`initial JS: ${result.initialJsGzipKb.toFixed(1)} kB gzip (${result.initialFiles.join(", ")})`);

// Full speed, the default set-up (1 writer, 2 readers) and a crowded one (2 writers, 4 readers).
for (const [w, r] of [
  [1, 2],
  [2, 4],
]) {
  const page = await open(`?speed=full&w=${w}&r=${r}`);
  await page.waitForTimeout(1500);
  const s = await frames(page, seconds * 1000);
  result[`framesFullSpeed_${w}w${r}r`] = s;
  say(`frames, ${w} writer(s) + ${r} reader(s) flat out: ${fmt(s)}`);
  await page.close();
}

// Stepping: a step every 100 ms while frames are recorded, and click -> DOM latency.
{
  const page = await open("?paused=1");
  await page.waitForTimeout(800);
  const stepButton = page.getByRole("button", { name: "Step writer W1 by one step" });
  const s = await frames(page, seconds * 1000, async () => {
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      await stepButton.click();
      await page.waitForTimeout(100);
    }
  });
  result.framesStepping = s;
  say(`frames while stepping every 100 ms: ${fmt(s)}`);
  const latencies = await page.evaluate(async () => {
    const button = [...document.querySelectorAll("button")].find(
      (b) => b.getAttribute("aria-label") === "Step reader R1 by one step",
    );
    const target = document.querySelector('[data-testid="steps-R1"]');
    const out = [];
    for (let i = 0; i < 40; i++) {
      const before = target.textContent;
      const t0 = performance.now();
      const landed = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (target.textContent !== before) {
            observer.disconnect();
            resolve(performance.now() - t0);
          }
        });
        observer.observe(target, { childList: true, characterData: true, subtree: true });
      });
      button.click();
      out.push(await landed);
      await new Promise((r) => setTimeout(r, 30));
    }
    return out;
  });
  result.stepToScreen = stats(latencies);
  say(
    `step click -> new step on screen: median ${result.stepToScreen.median.toFixed(1)} ms, p95 ${result.stepToScreen.p95.toFixed(1)} ms, max ${result.stepToScreen.max.toFixed(1)} ms`,
  );
  await page.close();
}

// Long run at full speed: heap after GC, and frames, sampled every 5 s.
{
  const page = await open("?speed=full&w=1&r=2");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.enable");
  const heapMb = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    return (await page.evaluate(() => performance.memory.usedJSHeapSize)) / 2 ** 20;
  };
  await page.waitForTimeout(2000);
  const samples = [];
  const started = Date.now();
  const frameStats = [];
  while (Date.now() - started < longSeconds * 1000) {
    const s = await frames(page, Math.min(5000, longSeconds * 1000));
    frameStats.push(s);
    samples.push({ t: Math.round((Date.now() - started) / 1000), heapMb: await heapMb() });
  }
  const heaps = samples.map((s) => s.heapMb);
  result.longRun = {
    seconds: longSeconds,
    heapStartMb: heaps[0],
    heapEndMb: heaps[heaps.length - 1],
    heapMaxMb: Math.max(...heaps),
    fps: (1000 / (frameStats.reduce((n, s) => n + s.median, 0) / frameStats.length)).toFixed(1),
    worstFrameMs: Math.max(...frameStats.map((s) => s.max)),
  };
  say(
    `long run ${longSeconds} s at full speed: heap ${heaps[0].toFixed(1)} -> ${heaps[heaps.length - 1].toFixed(1)} MB (max ${result.longRun.heapMaxMb.toFixed(1)}), ~${result.longRun.fps} fps, worst frame ${result.longRun.worstFrameMs.toFixed(0)} ms`,
  );
  await page.close();
}

await browser.close();
server.stop();
if (json) console.log(JSON.stringify(result));
process.exit(0);
