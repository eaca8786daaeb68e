/**
 * The user is the scheduler: paused real threads take exactly one step per permit, and the
 * seqlock's states (lock held, sequence odd, reader spinning, retry, accept) happen on the
 * shared buffer in the order the programs promise.
 */
import { describe, expect, it } from "vitest";
import { grantSteps, readStatus, setDelayUs, setMode } from "../../src/engine/control";
import {
  C,
  LOCK,
  Mode,
  readCounter,
  readerSlot,
  SEQ,
  ThreadState,
  writerSlot,
} from "../../src/engine/layout";
import type { StepEvent } from "../../src/engine/programs";
import { ReaderLine, WriterLine } from "../../src/engine/programs";
import { sleep, startLab } from "./threads";

const WORDS = 3;
const W = writerSlot(0);
const R = readerSlot(0);

async function stepAndWait(lab: ReturnType<typeof startLab>, slot: number): Promise<void> {
  const before = readStatus(lab.mem, slot).steps;
  grantSteps(lab.mem, slot);
  const deadline = Date.now() + 5000;
  while (readStatus(lab.mem, slot).steps !== before + 1) {
    if (Date.now() > deadline) throw new Error(`slot ${slot} did not take its step`);
    await sleep(2);
  }
}

function eventsOf(lab: ReturnType<typeof startLab>, slot: number): StepEvent[] {
  return lab.messages.flatMap((m) => (m.type === "steps" && m.slot === slot ? m.events : []));
}

describe("stepping real threads", () => {
  it("walks the writer through lock, odd, words, even, unlock; a reader spins, then accepts", async () => {
    const lab = startLab(WORDS, [
      { slot: W, role: "writer", variant: "seqlock" },
      { slot: R, role: "reader", variant: "seqlock" },
    ]);
    await lab.ready;
    const i32 = lab.mem.i32;

    await stepAndWait(lab, W);
    expect(Atomics.load(i32, LOCK)).toBe(W + 1);
    expect(Atomics.load(i32, SEQ)).toBe(0);
    expect(readStatus(lab.mem, W).line).toBe(WriterLine.begin);

    await stepAndWait(lab, W);
    expect(Atomics.load(i32, SEQ)).toBe(1);
    await stepAndWait(lab, W); // word 0 written, the payload is now half-written

    // The reader, stepped while the writer is paused mid-write, spins and never accepts.
    for (let i = 0; i < 3; i++) await stepAndWait(lab, R);
    expect(readStatus(lab.mem, R).state).toBe(ThreadState.spinningOnOdd);
    expect(readStatus(lab.mem, R).line).toBe(ReaderLine.begin);
    expect(readCounter(lab.mem, R, C.ops)).toBe(0);
    expect(readCounter(lab.mem, R, C.spins)).toBe(3);

    // Nothing moves without a permit.
    const seqBefore = Atomics.load(i32, SEQ);
    await sleep(100);
    expect(readStatus(lab.mem, W).steps).toBe(3);
    expect(Atomics.load(i32, SEQ)).toBe(seqBefore);

    for (let i = 0; i < WORDS - 1; i++) await stepAndWait(lab, W);
    await stepAndWait(lab, W);
    expect(Atomics.load(i32, SEQ)).toBe(2);
    await stepAndWait(lab, W);
    expect(Atomics.load(i32, LOCK)).toBe(0);

    // Resumed, the reader takes a consistent snapshot of value 1.
    await stepAndWait(lab, R); // read_seqbegin sees 2
    for (let i = 0; i < WORDS; i++) await stepAndWait(lab, R);
    await stepAndWait(lab, R); // read_seqretry: unchanged, accept
    expect(readCounter(lab.mem, R, C.ops)).toBe(1);
    expect(readCounter(lab.mem, R, C.lastValue)).toBe(1);
    expect(readCounter(lab.mem, R, C.torn)).toBe(0);
    await lab.stop();

    const writerKinds = eventsOf(lab, W).map((e) => e.kind);
    expect(writerKinds).toEqual([
      "lock",
      "seq-odd",
      "write-word",
      "write-word",
      "write-word",
      "seq-even",
      "unlock",
    ]);
    const readerEvents = eventsOf(lab, R);
    expect(readerEvents.map((e) => e.kind)).toEqual([
      "spin",
      "spin",
      "spin",
      "begin",
      "read-word",
      "read-word",
      "read-word",
      "accept",
    ]);
    expect(readerEvents.at(-1)?.copy).toEqual([1, 1, 1]);
  });

  it("makes a reader whose copy spans a write discard it and retry", async () => {
    const lab = startLab(WORDS, [
      { slot: W, role: "writer", variant: "seqlock" },
      { slot: R, role: "reader", variant: "seqlock" },
    ]);
    await lab.ready;
    await stepAndWait(lab, R); // begin at seq 0
    await stepAndWait(lab, R); // copy word 0 = 0
    for (let i = 0; i < 4 + WORDS; i++) await stepAndWait(lab, W); // one whole write + unlock
    for (let i = 0; i < WORDS - 1; i++) await stepAndWait(lab, R); // words 1.. = 1: torn copy
    await stepAndWait(lab, R); // read_seqretry sees 2 != 0
    expect(readCounter(lab.mem, R, C.retries)).toBe(1);
    expect(readCounter(lab.mem, R, C.ops)).toBe(0);
    await lab.stop();
    const retry = eventsOf(lab, R).at(-1);
    expect(retry?.kind).toBe("retry");
    expect(retry?.copy).toEqual([0, 1, 1]);
  });

  it("slows down to the configured delay and pauses at once", async () => {
    const lab = startLab(WORDS, [{ slot: W, role: "writer", variant: "seqlock" }]);
    await lab.ready;
    setDelayUs(lab.mem, W, 50_000);
    setMode(lab.mem, W, Mode.run);
    await sleep(600);
    setMode(lab.mem, W, Mode.pause);
    const steps = readStatus(lab.mem, W).steps;
    // 600 ms at 50 ms a step: about 12 steps; far fewer than full speed, at least a few.
    expect(steps).toBeGreaterThanOrEqual(4);
    expect(steps).toBeLessThanOrEqual(16);
    await sleep(200);
    expect(readStatus(lab.mem, W).steps).toBe(steps);
    await lab.stop();
  });
});
