/**
 * Concurrency tests on real threads: Node worker_threads running the same runner, programs and
 * primitive as the browser Workers, over one SharedArrayBuffer. Nothing here is a same-thread
 * mock; the threads race for real on both cores.
 *
 * A "read" is one completed read attempt: a snapshot copied and then validated by
 * read_seqretry (accepted or discarded). With the writer flat out most attempts are discarded,
 * which is the hardest case for the validation, so the torn-read assertion covers them all.
 */
import { describe, expect, it } from "vitest";
import { C, DATA, readCounter, readerSlot, writerSlot } from "../../src/engine/layout";
import { sleep, startLab, type ThreadSpec } from "./threads";

const WORDS = 4;

function reads(lab: { mem: Parameters<typeof readCounter>[0] }, slot: number): number {
  return readCounter(lab.mem, slot, C.ops) + readCounter(lab.mem, slot, C.retries);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

describe("seqlock on real threads", () => {
  it("accepts no torn snapshot in 10 million reads against a flat-out writer", async () => {
    const writer = writerSlot(0);
    const reader = readerSlot(0);
    const lab = startLab(WORDS, [
      { slot: writer, role: "writer", variant: "seqlock" },
      { slot: reader, role: "reader", variant: "seqlock" },
    ]);
    await lab.ready;
    lab.runAll();
    await until(() => reads(lab, reader) >= 10_000_000, 90_000);
    await lab.stop();

    const accepted = readCounter(lab.mem, reader, C.ops);
    const retries = readCounter(lab.mem, reader, C.retries);
    const writes = readCounter(lab.mem, writer, C.ops);
    expect(accepted + retries).toBeGreaterThanOrEqual(10_000_000);
    // The race was real: the reader both accepted snapshots and had to discard some.
    expect(accepted).toBeGreaterThan(1000);
    expect(retries).toBeGreaterThan(1000);
    expect(readCounter(lab.mem, reader, C.torn)).toBe(0);
    // With one incrementing writer, accepted values never go backwards.
    expect(readCounter(lab.mem, reader, C.backwards)).toBe(0);
    // The final value equals the number of completed writes, in every word.
    for (let k = 0; k < WORDS; k++) expect(Atomics.load(lab.mem.i32, DATA + k)).toBe(writes);
    expect(writes).toBeGreaterThan(0);
  });

  it("proves the check can fail: readers with a check removed accept torn snapshots", async () => {
    const writer = writerSlot(0);
    const noRecheck = readerSlot(0);
    const noOddCheck = readerSlot(1);
    const lab = startLab(WORDS, [
      { slot: writer, role: "writer", variant: "seqlock" },
      { slot: noRecheck, role: "reader", variant: "no-recheck" },
      { slot: noOddCheck, role: "reader", variant: "no-odd-check" },
    ]);
    await lab.ready;
    lab.runAll();
    await until(
      () =>
        readCounter(lab.mem, noRecheck, C.torn) > 0 && readCounter(lab.mem, noOddCheck, C.torn) > 0,
      60_000,
    );
    await lab.stop();
    expect(readCounter(lab.mem, noRecheck, C.torn)).toBeGreaterThan(0);
    expect(readCounter(lab.mem, noOddCheck, C.torn)).toBeGreaterThan(0);
  });

  it("lets one writer at a time into the critical section, and loses no write", async () => {
    const writers: ThreadSpec[] = [0, 1, 2].map((w) => ({
      slot: writerSlot(w),
      role: "writer",
      variant: "seqlock",
    }));
    const reader = readerSlot(0);
    const lab = startLab(WORDS, [...writers, { slot: reader, role: "reader", variant: "seqlock" }]);
    await lab.ready;
    lab.runAll();
    await sleep(2500);
    await lab.stop();

    const perWriter = writers.map((w) => readCounter(lab.mem, w.slot, C.ops));
    const total = perWriter.reduce((a, b) => a + b, 0);
    for (const n of perWriter) expect(n).toBeGreaterThan(0);
    // Two writers inside at once would lose increments (both store old + 1) or tear the data.
    for (let k = 0; k < WORDS; k++) expect(Atomics.load(lab.mem.i32, DATA + k)).toBe(total);
    expect(readCounter(lab.mem, reader, C.torn)).toBe(0);
    expect(readCounter(lab.mem, reader, C.backwards)).toBe(0);
    expect(Atomics.load(lab.mem.i32, 0) % 2).toBe(0);
  });

  it("proves the exclusion check can fail: writers without the lock lose writes", async () => {
    const writers: ThreadSpec[] = [0, 1].map((w) => ({
      slot: writerSlot(w),
      role: "writer",
      variant: "no-lock",
    }));
    const lab = startLab(WORDS, writers);
    await lab.ready;
    lab.runAll();
    await sleep(1500);
    await lab.stop();
    const total = writers.reduce((sum, w) => sum + readCounter(lab.mem, w.slot, C.ops), 0);
    expect(total).toBeGreaterThan(0);
    expect(Atomics.load(lab.mem.i32, DATA)).toBeLessThan(total);
  });

  it("writers without the lock make even a correct reader accept torn snapshots", async () => {
    const reader = readerSlot(0);
    const lab = startLab(WORDS, [
      { slot: writerSlot(0), role: "writer", variant: "no-lock" },
      { slot: writerSlot(1), role: "writer", variant: "no-lock" },
      { slot: reader, role: "reader", variant: "seqlock" },
    ]);
    await lab.ready;
    lab.runAll();
    const deadline = Date.now() + 8000;
    while (readCounter(lab.mem, reader, C.torn) === 0 && Date.now() < deadline) await sleep(50);
    await lab.stop();
    expect(readCounter(lab.mem, reader, C.torn)).toBeGreaterThan(0);
  });
});
