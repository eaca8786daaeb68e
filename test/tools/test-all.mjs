// `npm test`: every check, in order, even when an earlier one fails, then one closing line
// "N passed, N failed" that sums the tests of every runner (a failed type check, lint or build
// counts as one failure, so the line never reads "0 failed" when something broke).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const reports = ".test-reports";
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
const stages = [];

function stage(name, command) {
  console.log(`\n=== ${name}: ${command}`);
  const started = Date.now();
  const { status } = spawnSync(command, { shell: true, stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  stages.push(`${status === 0 ? "ok  " : "FAIL"} ${name} (${seconds} s)`);
  return status === 0;
}

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : null;
  } catch {
    return null;
  }
}

if (!stage("types", "npx tsc --noEmit -p .")) failed++;
if (!stage("lint", "npx biome check .")) failed++;

const unitOk = stage(
  "unit and concurrency tests",
  `npx vitest run --reporter=default --reporter=json --outputFile.json=${reports}/unit.json`,
);
const unit = readJson(`${reports}/unit.json`);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
} else if (!unitOk) failed++;
if (unit && !unitOk && unit.numFailedTests === 0) failed++;

const browserOk = stage("browser", "node test/tools/ensure-browser.mjs");
const buildOk = stage("build", "npx vite build");
if (!browserOk || !buildOk) failed++;
else {
  const e2eOk = stage(
    "end-to-end tests (Chromium, production build)",
    "npx playwright test -c e2e",
  );
  const e2e = readJson(`${reports}/e2e.json`);
  if (e2e?.stats) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
  }
  if (!e2eOk && !(e2e?.stats?.unexpected > 0)) failed++;
}

console.log(`\n${stages.join("\n")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
