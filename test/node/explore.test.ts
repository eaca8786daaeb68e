/**
 * The explorer's counts against small cases worked out by hand.
 *
 * Set-up for every case: 2 payload words, one writer doing one write, one reader with a budget
 * of 4 steps. The writer's 6 steps are L (lock), O (seq 0->1), w0, w1 (store 1), E (seq 1->2),
 * U (unlock). The reader's 4 steps are b (read_seqbegin), c0, c1 (copy), r (read_seqretry).
 * An interleaving is fixed by how many writer steps precede each reader step: a non-decreasing
 * tuple (i, a, b, j) over 0..6, so there are C(10, 4) = 210 interleavings. The sequence a
 * reader step sees is 0 for 0-1 writer steps before it, 1 (odd) for 2-4, and 2 for 5-6; c0
 * loads 1 iff a >= 3 (w0 done), c1 loads 1 iff b >= 4 (w1 done).
 *
 * Real seqlock reader:
 * - b at i in {2,3,4} sees odd and spins; 4 steps can never finish after a spin: "spinning".
 *   Count: non-decreasing triples over i..6 after fixing i: C(7,3)+C(6,3)+C(5,3) = 35+20+10 = 65.
 * - b at i in {0,1} (seq 0): r at j <= 1 accepts an untouched copy (tuples over {0,1}: 5);
 *   r at j >= 2 sees seq 1 or 2 and retries: C(9,3)+C(8,3) - 5 = 84+56-5 = 135 "retried".
 * - b at i in {5,6} (seq 2): nothing changes afterwards, accepted [1, 1]: 5 tuples.
 *   consistent = 5 + 5 = 10, torn = 0; 10 + 135 + 65 = 210.
 *
 * Reader without read_seqretry (still spins on odd): the 65 spinning ones stay; every other
 * interleaving accepts. With i in {0,1}, the copy is torn iff (a >= 3) != (b >= 4):
 * - a = b = 3 (c0 after w0, c1 before w1): i in {0,1}, j in 3..6: 2 * 4 = 8;
 * - a <= 2 and b >= 4: a has 3 choices for i=0 and 2 for i=1, (b, j) pairs with 4<=b<=j<=6: 6;
 *   (3+2) * 6 = 30. torn = 38; consistent = 140 - 38 + 5 = 107.
 *
 * Reader that ignores an odd sequence (still re-checks): it never spins; it accepts iff b and r
 * see the same sequence, i.e. i and j fall in the same band {0,1}, {2,3,4} or {5,6}.
 * - bands {0,1} and {5,6}: 5 + 5 consistent (no word changes inside them... c0/c1 see all-old
 *   or all-new);
 * - band {2,3,4}: C(6,4) = 15 accepted tuples; torn iff a = b = 3 (i in {2,3}, j in {3,4}: 4) or
 *   a = 2, b = 4 (i = 2, j = 4: 1): 5 torn, 10 consistent.
 *   consistent = 20, torn = 5, retried = 210 - 25 = 185.
 */
import { describe, expect, it } from "vitest";
import { explore } from "../../src/engine/explore";
import { readerSlot, writerSlot } from "../../src/engine/layout";
import type { ReaderVariantId } from "../../src/engine/programs";

const counts = (variant: ReaderVariantId) =>
  explore({ words: 2, readers: 1, readerVariant: variant, readerBudget: 4 });

describe("explorer, one writer and one reader, 2 words, reader budget 4", () => {
  it("real seqlock: 10 consistent, 135 retried, 65 spinning, never torn", () => {
    const r = counts("seqlock");
    expect(r.interleavings).toBe(210);
    expect(r.counts).toEqual({ consistent: 10, torn: 0, retried: 135, spinning: 65, copying: 0 });
    expect(r.truncated).toBe(false);
  });

  it("read-don't-modify-write and plain loads explore like the seqlock (sequential execution)", () => {
    for (const variant of ["rdmw", "plain-loads"] as const) {
      expect(counts(variant).counts).toEqual(counts("seqlock").counts);
    }
  });

  it("without read_seqretry: 107 consistent, 38 torn, 65 spinning", () => {
    const r = counts("no-recheck");
    expect(r.interleavings).toBe(210);
    expect(r.counts).toEqual({ consistent: 107, torn: 38, retried: 0, spinning: 65, copying: 0 });
  });

  it("ignoring an odd sequence: 20 consistent, 5 torn, 185 retried", () => {
    const r = counts("no-odd-check");
    expect(r.interleavings).toBe(210);
    expect(r.counts).toEqual({ consistent: 20, torn: 5, retried: 185, spinning: 0, copying: 0 });
  });

  it("keeps torn interleavings as schedules, e.g. the reader copying word 0 before the write", () => {
    const r = explore({
      words: 2,
      readers: 1,
      readerVariant: "no-recheck",
      readerBudget: 4,
      examplesPerOutcome: 100,
    });
    expect(r.examples.torn).toHaveLength(38);
    const W = writerSlot(0);
    const R = readerSlot(0);
    const schedules = r.examples.torn.map((e) => e.schedule.join(","));
    // b, c0 before the write; c1, r after it: copy [0, 1].
    expect(schedules).toContain([R, R, W, W, W, W, W, W, R, R].join(","));
    for (const example of r.examples.torn) expect(example.outcomes).toEqual(["torn"]);
  });

  it("two readers: every interleaving of 6 + 4 + 4 steps, each reader classified", () => {
    const r = explore({ words: 2, readers: 2, readerVariant: "seqlock", readerBudget: 4 });
    // Multinomial 14! / (6! 4! 4!) when no step depends on another thread's progress: the
    // counts of steps are fixed (4 per reader, 6 for the writer), so every order is distinct.
    expect(r.interleavings).toBe(210_210);
    expect(r.counts.torn).toBe(0);
    const perReader = Object.values(r.counts).reduce((a, b) => a + b, 0);
    expect(perReader).toBe(2 * 210_210);
  });
});
