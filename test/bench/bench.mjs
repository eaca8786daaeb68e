// `npm run bench`: the seqlock and the locks it is compared with, on real Workers in headless
// Chromium over the production build, beside the same seqlock in C (gcc, pthreads) on the same
// machine in the same run.
//
//   npm run bench                 full matrix, 3 repetitions, table
//   npm run bench -- --quick      < 1 min: reader alone and 1 writer + 0/1/4 readers, 16 words
//   npm run bench -- --json       one JSON object per line, one per configuration
//   options: --reps N --seconds S --words 4,16 --locks seqlock,rdmw,plain,mutex,rwlock
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gotoWhenUp, launchChromium, startPreview } from "../tools/preview.mjs";

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const quick = flag("quick");
const json = flag("json");
const reps = Number(option("reps", quick ? 1 : 3));
const seconds = Number(option("seconds", quick ? 0.8 : 1.5));
const warmupSeconds = quick ? 0.25 : 0.5;
const wordsList = option("words", quick ? "16" : "4,16")
  .split(",")
  .map(Number);

/** What the table calls a "lock": the lock kind plus, for the seqlock, the reader variant. */
const LOCKS = {
  seqlock: {
    lock: "seqlock",
    variant: "seqlock",
    specCorrect: true,
    label: "seqlock (Atomics data)",
  },
  rdmw: {
    lock: "seqlock",
    variant: "rdmw",
    specCorrect: true,
    label: "seqlock (read-don't-modify-write)",
  },
  plain: {
    lock: "seqlock",
    variant: "plain-loads",
    specCorrect: false,
    label: "seqlock (plain loads, kernel-style)",
  },
  mutex: { lock: "mutex", variant: "seqlock", specCorrect: true, label: "mutex" },
  rwlock: {
    lock: "rwlock",
    variant: "seqlock",
    specCorrect: true,
    label: "rwlock (reader-preferring)",
  },
};
const lockIds = option("locks", Object.keys(LOCKS).join(",")).split(",");
for (const id of lockIds) {
  if (!LOCKS[id]) {
    console.error(`unknown lock ${id}; use ${Object.keys(LOCKS).join(", ")}`);
    process.exit(2);
  }
}
const SHAPES = quick
  ? [
      [0, 1],
      [1, 0],
      [1, 1],
      [1, 4],
    ]
  : [
      [0, 1],
      [1, 0],
      [1, 1],
      [1, 2],
      [1, 4],
      [1, 8],
      [2, 4],
    ];

const log = (...line) => {
  if (!json) console.error(...line);
};

// ---- native baseline ----------------------------------------------------------------------
function buildNative() {
  const source = new URL("./native/seqlock.c", import.meta.url).pathname;
  const out = join(mkdtempSync(join(tmpdir(), "seqlock-bench-")), "seqlock");
  const result = spawnSync("gcc", ["-O2", "-std=c11", "-pthread", "-o", out, source], {
    stdio: "pipe",
  });
  if (result.status !== 0) {
    log("gcc not available or failed: no native baseline in this run");
    return null;
  }
  return out;
}

function runNative(binary, writers, readers, words) {
  const output = execFileSync(binary, [writers, readers, words, seconds].map(String)).toString();
  const r = JSON.parse(output);
  return {
    readsPerSec: (r.reads + r.retries) / r.seconds,
    acceptedPerSec: r.reads / r.seconds,
    retriesPerSec: r.retries / r.seconds,
    writesPerSec: r.writes / r.seconds,
    tornAccepted: r.torn,
    writerP50Us: r.writerP50Us < 0 ? Number.NaN : r.writerP50Us,
    writerP99Us: r.writerP99Us < 0 ? Number.NaN : r.writerP99Us,
  };
}

// ---- statistics ------------------------------------------------------------------------------
const METRICS = [
  "readsPerSec",
  "acceptedPerSec",
  "retriesPerSec",
  "writesPerSec",
  "writerP50Us",
  "writerP99Us",
];
function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
function spread(values) {
  const v = values.filter((x) => Number.isFinite(x));
  const m = median(v);
  if (v.length < 2 || !m) return 0;
  return (Math.max(...v) - Math.min(...v)) / m;
}
function summarize(runs) {
  const out = {};
  for (const metric of METRICS) {
    out[metric] = median(runs.map((r) => r[metric]));
    out[`${metric}Spread`] = spread(runs.map((r) => r[metric]));
  }
  out.tornAccepted = runs.reduce((n, r) => n + r.tornAccepted, 0);
  return out;
}

// ---- the browser half ----------------------------------------------------------------------
const server = startPreview(4197);

if (!existsSync("dist/src/bench/bench.html")) {
  console.error("no production build: run `npm run build` first (npm run bench does)");
  process.exit(2);
}
const native = buildNative();
const browser = await launchChromium();
const page = await browser.newPage();
page.on("console", (m) => {
  if (m.type() === "error") log(`page: ${m.text()}`);
});
await gotoWhenUp(page, `${server.url}/src/bench/bench.html`);
if (!(await page.evaluate(() => window.benchReady))) {
  console.error("the bench page is not cross-origin isolated");
  process.exit(1);
}

const started = Date.now();
const rows = [];
/** One configuration's result: kept for the table, printed at once with --json. */
function record(meta, runs) {
  const row = { ...meta, reps, ...summarize(runs) };
  rows.push(row);
  if (json) console.log(JSON.stringify(row));
  return row;
}
for (const words of wordsList) {
  for (const [writers, readers] of SHAPES) {
    for (const id of lockIds) {
      const { lock, variant, specCorrect, label } = LOCKS[id];
      const runs = [];
      for (let rep = 0; rep < reps; rep++) {
        runs.push(
          await page.evaluate((cfg) => window.runBench(cfg), {
            lock,
            readerVariant: variant,
            writers,
            readers,
            words,
            seconds,
            warmupSeconds,
          }),
        );
      }
      const row = record({ lock, variant, label, specCorrect, writers, readers, words }, runs);
      log(
        `  ${label}, ${writers}W+${readers}R, ${words} words: ${(row.readsPerSec / 1e6).toFixed(2)} M reads/s`,
      );
    }
    if (native) {
      const runs = [];
      for (let rep = 0; rep < reps; rep++) runs.push(runNative(native, writers, readers, words));
      record(
        {
          lock: "seqlock-c",
          variant: "c11-atomics",
          label: "seqlock in C (gcc -O2, C11 atomics)",
          specCorrect: true,
          writers,
          readers,
          words,
        },
        runs,
      );
    }
  }
}
await browser.close();
server.stop();

if (!json) {
  const m = (x) => (Number.isFinite(x) ? (x / 1e6).toFixed(2) : "—");
  const us = (x) => (Number.isFinite(x) ? x.toFixed(2) : "—");
  const pct = (x) => `±${Math.round((x * 100) / 2)}%`;
  const header = [
    "lock",
    "W",
    "R",
    "words",
    "reads/s M",
    "accepted/s M",
    "retries/s M",
    "writes/s M",
    "writer p50 µs",
    "writer p99 µs",
    "torn",
    "spread",
  ];
  const table = rows.map((r) => [
    r.label,
    r.writers,
    r.readers,
    r.words,
    m(r.readsPerSec),
    m(r.acceptedPerSec),
    m(r.retriesPerSec),
    m(r.writesPerSec),
    us(r.writerP50Us),
    us(r.writerP99Us),
    r.tornAccepted,
    pct(Math.max(r.readsPerSecSpread, r.writesPerSecSpread)),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...table.map((row) => String(row[i]).length)),
  );
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
  console.log(
    `\nSeqlock Lab benchmark: Chromium workers vs C, ${reps} repetition(s) of ${seconds} s, medians`,
  );
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of table) console.log(line(row));

  const find = (lockId, variant, w, r, words) =>
    rows.find(
      (x) =>
        x.lock === lockId &&
        x.variant === variant &&
        x.writers === w &&
        x.readers === r &&
        x.words === words,
    );
  const words = wordsList.includes(16) ? 16 : wordsList[0];
  const c = find("seqlock-c", "c11-atomics", 0, 1, words);
  console.log(`\nTargets (${words}-word payload):`);
  for (const variant of ["seqlock", "rdmw"]) {
    const js = find("seqlock", variant, 0, 1, words);
    if (js && c)
      console.log(
        `  reader alone, ${variant === "rdmw" ? "read-don't-modify-write" : "Atomics data"}: ${m(js.readsPerSec)} M/s = ${(js.readsPerSec / c.readsPerSec).toFixed(2)}x C (${m(c.readsPerSec)} M/s); target >= 0.2x`,
      );
  }
  for (const lockId of ["seqlock", "rwlock", "mutex"]) {
    const none = find(lockId, "seqlock", 1, 0, words);
    const four = find(lockId, "seqlock", 1, 4, words);
    if (none && four)
      console.log(
        `  ${lockId} writer p99, 4 readers / none: ${us(four.writerP99Us)} / ${us(none.writerP99Us)} µs = ${(four.writerP99Us / none.writerP99Us).toFixed(1)}x; writes/s ${m(none.writesPerSec)} -> ${m(four.writesPerSec)} M${lockId === "seqlock" ? " (target <= 3x)" : ""}`,
      );
  }
  console.log(`\n${rows.length} configurations in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
process.exit(0);
