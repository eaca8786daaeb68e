/**
 * Schedules on real threads (Node worker_threads): the same schedule on two fresh labs gives
 * the same steps, sequence values and read values; and every torn interleaving the explorer
 * finds, replayed on real threads, really makes the reader accept a torn copy.
 */
import { describe, expect, it } from "vitest";
import { explore } from "../../src/engine/explore";
import { C, readCounter, readerSlot, writerSlot } from "../../src/engine/layout";
import type { ReaderVariantId, StepEvent } from "../../src/engine/programs";
import { parseSchedule } from "../../src/lab/schedule";
import { playSteps, startLab } from "./threads";

async function runSchedule(
  steps: readonly number[],
  readers: number,
  words: number,
  variant: ReaderVariantId = "seqlock",
) {
  const lab = startLab(words, [
    { slot: writerSlot(0), role: "writer", variant: "seqlock" },
    ...Array.from({ length: readers }, (_, r) => ({
      slot: readerSlot(r),
      role: "reader" as const,
      variant,
    })),
  ]);
  await lab.ready;
  await playSteps(lab, steps);
  await lab.stop();
  // What each thread did, without its timestamps: kind, line, word, sequence, value, copy.
  const events = (slot: number) =>
    lab.messages
      .flatMap((m) => (m.type === "steps" && m.slot === slot ? m.events : []))
      .map(({ t: _t, ...rest }: StepEvent) => rest);
  return {
    writer: events(writerSlot(0)),
    readers: Array.from({ length: readers }, (_, r) => events(readerSlot(r))),
    torn: Array.from({ length: readers }, (_, r) => readCounter(lab.mem, readerSlot(r), C.torn)),
  };
}

describe("replaying schedules on real threads", () => {
  it("the same schedule twice: identical steps, sequence values and read values", async () => {
    const parsed = parseSchedule("R1 W1*2 R2*2 W1*3 R1*3 R2*2 W1*2 R1*5 R2*5 W1*6 R1*4");
    if (!parsed.ok) throw new Error(parsed.error);
    const first = await runSchedule(parsed.steps, 2, 3);
    const second = await runSchedule(parsed.steps, 2, 3);
    // 13 scheduled steps, then stop makes the writer finish the write it is inside (2 more).
    expect(first.writer.length).toBe(15);
    expect(first.readers[0].length).toBe(13);
    expect(second).toEqual(first);
    // The content is the interleaving's: R1's first read saw the write begin and retried.
    expect(first.readers[0].some((e) => e.kind === "retry")).toBe(true);
  });

  it("every torn interleaving the explorer lists tears on real threads too", async () => {
    for (const variant of ["no-recheck", "no-odd-check"] as const) {
      const result = explore({ words: 2, readers: 1, readerVariant: variant, readerBudget: 4 });
      const examples = result.examples.torn.slice(0, 5);
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        const run = await runSchedule(example.schedule, 1, 2, variant);
        expect(run.torn).toEqual([1]);
      }
    }
  });
});
