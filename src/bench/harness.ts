/**
 * The in-browser half of `npm run bench`: runs one configuration on real Workers (the app's own
 * LabSession, worker and engine), at full speed, and measures it from the shared buffer.
 * The Node half (test/bench/bench.mjs) drives this page in headless Chromium and prints.
 */
import type { LockKind } from "../engine/catalog";
import { setMode } from "../engine/control";
import { percentileUs } from "../engine/latency";
import { C, Mode, readCounter, readerSlot, writerSlot } from "../engine/layout";
import type { ReaderVariantId } from "../engine/programs";
import { DEFAULT_CONFIG } from "../lab/config";
import { LabSession } from "../lab/session";

export interface BenchConfig {
  lock: LockKind;
  readerVariant: ReaderVariantId;
  writers: number;
  readers: number;
  words: number;
  seconds: number;
  warmupSeconds: number;
}

export interface BenchResult {
  readsPerSec: number;
  acceptedPerSec: number;
  retriesPerSec: number;
  writesPerSec: number;
  tornAccepted: number;
  writerP50Us: number;
  writerP99Us: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runBench(bench: BenchConfig): Promise<BenchResult> {
  const session = new LabSession(
    {
      ...DEFAULT_CONFIG,
      lock: bench.lock,
      readerVariant: bench.readerVariant,
      writers: bench.writers,
      readers: bench.readers,
      words: bench.words,
      speedMs: 0,
      paused: true,
    },
    {
      threadReady: () => {},
      threadFailed: (slot, message) => console.error(`thread ${slot} failed: ${message}`),
    },
  );
  session.start();
  const slots = session.liveSlots();
  const writers = Array.from({ length: bench.writers }, (_, w) => writerSlot(w));
  const readers = Array.from({ length: bench.readers }, (_, r) => readerSlot(r));
  const sum = (list: number[], field: number) =>
    list.reduce((n, slot) => n + readCounter(session.mem, slot, field), 0);
  try {
    await session.ready();
    for (const slot of slots) setMode(session.mem, slot, Mode.run);
    await sleep(bench.warmupSeconds * 1000);
    const t0 = performance.now();
    const before = {
      accepted: sum(readers, C.ops),
      retries: sum(readers, C.retries),
      writes: sum(writers, C.ops),
    };
    await sleep(bench.seconds * 1000);
    const after = {
      accepted: sum(readers, C.ops),
      retries: sum(readers, C.retries),
      writes: sum(writers, C.ops),
    };
    const dt = (performance.now() - t0) / 1000;
    for (const slot of slots) setMode(session.mem, slot, Mode.pause);
    await sleep(100); // the final summaries, with the writers' latency histograms
    const histogram = new Array<number>(80).fill(0);
    for (const slot of writers) {
      session.latency[slot]?.forEach((n, i) => {
        histogram[i] += n;
      });
    }
    const accepted = (after.accepted - before.accepted) / dt;
    const retries = (after.retries - before.retries) / dt;
    return {
      readsPerSec: accepted + retries,
      acceptedPerSec: accepted,
      retriesPerSec: retries,
      writesPerSec: (after.writes - before.writes) / dt,
      tornAccepted: sum(readers, C.torn),
      writerP50Us: percentileUs(histogram, 50),
      writerP99Us: percentileUs(histogram, 99),
    };
  } finally {
    session.dispose();
  }
}

declare global {
  interface Window {
    runBench: typeof runBench;
    benchReady: boolean;
  }
}

window.runBench = runBench;
window.benchReady = crossOriginIsolated;
const out = document.getElementById("out");
if (out) out.textContent = crossOriginIsolated ? "ready" : "not cross-origin isolated";
