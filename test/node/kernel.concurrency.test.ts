/**
 * The kernel's relatives of the seqlock, on real threads at full speed, and their lesson
 * scripts stepped on real threads:
 * - pointer table: readers do load freed entries (the kernel's use-after-free), yet never
 *   accept one, because read_seqretry() discards them;
 * - read_seqbegin_or_lock: no torn copy, no lost write; readers fall back to the lock and the
 *   writer then waits for them;
 * - seqcount_latch: no torn copy and no reader ever spins.
 */
import { describe, expect, it } from "vitest";
import type { LockKind } from "../../src/engine/catalog";
import { FREED } from "../../src/engine/kernel";
import { C, DATA, readCounter, readerSlot, SEQ, writerSlot } from "../../src/engine/layout";
import { SCENARIOS } from "../../src/lab/scenarios";
import { parseSchedule } from "../../src/lab/schedule";
import { playSteps, sleep, startLab, type ThreadSpec } from "./threads";

async function fullSpeed(lock: LockKind, words: number, writers: number, readers: number) {
  const threads: ThreadSpec[] = [
    ...Array.from({ length: writers }, (_, w) => ({
      slot: writerSlot(w),
      role: "writer" as const,
      variant: "seqlock" as const,
      lock,
    })),
    ...Array.from({ length: readers }, (_, r) => ({
      slot: readerSlot(r),
      role: "reader" as const,
      variant: "seqlock" as const,
      lock,
    })),
  ];
  const lab = startLab(words, threads);
  await lab.ready;
  lab.runAll();
  await sleep(1500);
  await lab.stop();
  const sum = (role: "writer" | "reader", field: number) =>
    threads
      .filter((t) => t.role === role)
      .reduce((n, t) => n + readCounter(lab.mem, t.slot, field), 0);
  return {
    mem: lab.mem,
    writes: sum("writer", C.ops),
    writerSpins: sum("writer", C.spins),
    reads: sum("reader", C.ops),
    retries: sum("reader", C.retries),
    spins: sum("reader", C.spins),
    torn: sum("reader", C.torn),
    backwards: sum("reader", C.backwards),
    dangling: sum("reader", C.dangling),
    data: Array.from({ length: words }, (_, k) => Atomics.load(lab.mem.i32, DATA + k)),
  };
}

describe("kernel variants on real threads", () => {
  it("pointer table: readers load freed entries but never accept one", async () => {
    const r = await fullSpeed("pointer", 4, 1, 2);
    expect(r.writes).toBeGreaterThan(1000);
    expect(r.reads).toBeGreaterThan(0);
    expect(r.dangling).toBeGreaterThan(0);
    expect(r.torn).toBe(0);
    expect(r.backwards).toBe(0);
    // The live entry holds the count of writes; the entry before it was freed.
    const live = r.data[0];
    expect(r.data[1 + live]).toBe(r.writes);
    expect(r.data[1 + ((live + 2) % 3)]).toBe(FREED);
  });

  it("read_seqbegin_or_lock: no torn copy, no lost write, failed lockless passes fall back to the lock", async () => {
    const r = await fullSpeed("or-lock", 8, 2, 2);
    expect(r.reads).toBeGreaterThan(0);
    expect(r.torn).toBe(0);
    expect(r.backwards).toBe(0);
    expect(r.data).toEqual(Array(8).fill(r.writes));
    expect(r.retries).toBeGreaterThan(0);
  });

  it("seqcount_latch: no torn copy, readers never spin, both copies end equal", async () => {
    const r = await fullSpeed("latch", 8, 2, 2);
    expect(r.reads).toBeGreaterThan(0);
    expect(r.torn).toBe(0);
    expect(r.spins).toBe(0);
    expect(r.backwards).toBe(0);
    expect(r.data).toEqual(Array(8).fill(r.writes));
  });
});

async function play(lab: ReturnType<typeof startLab>, text: string): Promise<void> {
  const parsed = parseSchedule(text);
  if (!parsed.ok) throw new Error(parsed.error);
  await playSteps(lab, parsed.steps);
}

describe("lesson scripts on real stepped threads", () => {
  it("pointers: the stale index reaches a freed entry, and the retry discards it", async () => {
    const script = SCENARIOS.pointers.script;
    if (!script?.reveal) throw new Error("the pointers lesson has a script");
    const lab = startLab(4, [
      { slot: writerSlot(0), role: "writer", variant: "seqlock", lock: "pointer" },
      { slot: readerSlot(0), role: "reader", variant: "seqlock", lock: "pointer" },
    ]);
    await lab.ready;
    await play(lab, script.setup);
    expect(Atomics.load(lab.mem.i32, DATA + 1)).toBe(FREED); // table[0], which R1 points at
    await play(lab, script.reveal);
    const R1 = readerSlot(0);
    expect(readCounter(lab.mem, R1, C.dangling)).toBe(1);
    expect(readCounter(lab.mem, R1, C.retries)).toBe(1);
    expect(readCounter(lab.mem, R1, C.ops)).toBe(1);
    expect(readCounter(lab.mem, R1, C.lastValue)).toBe(1);
    expect(readCounter(lab.mem, R1, C.torn)).toBe(0);
    await lab.stop();
  });

  it("retry: R1 holds [0, 0, 1, 1], read_seqretry discards it, the next pass accepts [1, 1, 1, 1]", async () => {
    const script = SCENARIOS.retry.script;
    if (!script?.reveal) throw new Error("the retry lesson has a script");
    const lab = startLab(4, [
      { slot: writerSlot(0), role: "writer", variant: "seqlock" },
      { slot: readerSlot(0), role: "reader", variant: "seqlock" },
    ]);
    await lab.ready;
    await play(lab, `${script.setup} ${script.reveal}`);
    // Stopping waits for every thread to exit, so their last step messages have arrived.
    await lab.stop();
    const R1 = readerSlot(0);
    const events = lab.messages.flatMap((m) =>
      m.type === "steps" && m.slot === R1 ? m.events : [],
    );
    const retry = events.find((e) => e.kind === "retry");
    expect(retry?.copy).toEqual([0, 0, 1, 1]);
    expect(retry?.seq).toBe(2);
    expect(events.at(-1)?.kind).toBe("accept");
    expect(events.at(-1)?.copy).toEqual([1, 1, 1, 1]);
    expect(Atomics.load(lab.mem.i32, SEQ)).toBe(2);
  });
});
