/**
 * The seqlock primitive, named after Linux `include/linux/seqlock.h`.
 *
 * Contract (as in the kernel):
 * - Writers serialize on `LOCK` (the `spinlock_t` inside `seqlock_t`). Holding it, a writer
 *   makes `SEQ` odd, writes the payload, makes `SEQ` even again, then releases the lock.
 * - Readers never write shared memory and never block a writer. A reader samples `SEQ`
 *   (`readSeqbegin`, spinning while it is odd), copies the payload, and keeps the copy only if
 *   `readSeqretry` sees the same sequence again.
 *
 * JavaScript memory model: every `Atomics` operation is sequentially consistent and there are
 * no fences. The spec-correct seqlock therefore accesses the sequence *and* every data word
 * with `Atomics`: a payload load that races with a store is then still ordered between the
 * two sequence loads that bracket it, which is what `smp_rmb()` buys in the kernel. The
 * `plain` data access is the kernel-style teaching variant: it works on x86 but a plain load
 * that races with a write is not ordered by the language, so it is never the default.
 *
 * No DOM and no worker globals: this module runs in Workers, on the page and in Node.
 */
import { DATA, type LabMemory, LOCK, SEQ } from "./layout";

/** How payload words are loaded and stored. */
export type DataAccess = "atomics" | "plain";

const atomicsWithPause = Atomics as typeof Atomics & { pause?: (hint?: number) => void };

/** `cpu_relax()`: a spin-wait hint where the engine has `Atomics.pause`, else nothing. */
export const cpuRelax: () => void =
  typeof atomicsWithPause.pause === "function"
    ? () => atomicsWithPause.pause?.()
    : () => {
        /* no spin hint on this engine */
      };

// ---- writer side ---------------------------------------------------------------------------

/**
 * One attempt of `spin_lock(&sl->lock)`. The compare-exchange is the acquire: everything the
 * previous holder wrote before its `spinUnlock` is visible to us once it succeeds.
 */
export function spinTrylock(mem: LabMemory, ownerSlot: number): boolean {
  return Atomics.compareExchange(mem.i32, LOCK, 0, ownerSlot + 1) === 0;
}

/** `spin_unlock(&sl->lock)`: publishes the whole critical section to the next writer. */
export function spinUnlock(mem: LabMemory): void {
  Atomics.store(mem.i32, LOCK, 0);
}

/** Which writer slot holds the lock, or -1 when it is free. */
export function lockHolder(mem: LabMemory): number {
  return Atomics.load(mem.i32, LOCK) - 1;
}

/**
 * `write_seqcount_begin()`: the sequence becomes odd. Sequentially consistent, so no data store
 * after it can be seen by a reader that saw the even value before it.
 */
export function writeSeqcountBegin(mem: LabMemory): number {
  return Atomics.add(mem.i32, SEQ, 1) + 1;
}

/** `write_seqcount_end()`: the sequence becomes even; every data store before it is visible. */
export function writeSeqcountEnd(mem: LabMemory): number {
  return Atomics.add(mem.i32, SEQ, 1) + 1;
}

/** `write_seqlock()`: take the lock (spinning), then make the sequence odd. */
export function writeSeqlock(mem: LabMemory, ownerSlot: number): void {
  while (!spinTrylock(mem, ownerSlot)) cpuRelax();
  writeSeqcountBegin(mem);
}

/** `write_sequnlock()`: make the sequence even, then release the lock. */
export function writeSequnlock(mem: LabMemory): void {
  writeSeqcountEnd(mem);
  spinUnlock(mem);
}

export function writeWord(mem: LabMemory, word: number, value: number, access: DataAccess): void {
  if (access === "atomics") Atomics.store(mem.i32, DATA + word, value);
  else mem.i32[DATA + word] = value;
}

// ---- reader side ---------------------------------------------------------------------------

/**
 * `raw_read_seqcount()`: one load of the sequence, no spinning. `readSeqbegin` is this in a
 * loop while the value is odd; the step programs expose each iteration as a step.
 */
export function rawReadSeqcount(mem: LabMemory): number {
  return Atomics.load(mem.i32, SEQ);
}

/** `read_seqbegin()`: spins while a write is in progress, returns the even sequence. */
export function readSeqbegin(mem: LabMemory): number {
  for (;;) {
    const seq = rawReadSeqcount(mem);
    if ((seq & 1) === 0) return seq;
    cpuRelax();
  }
}

/** `read_seqretry()`: true when a writer started since `start`, so the copy must be discarded. */
export function readSeqretry(mem: LabMemory, start: number): boolean {
  return Atomics.load(mem.i32, SEQ) !== start;
}

/**
 * Read-don't-modify-write (Boehm, "Can seqlocks get along with programming language memory
 * models?"): `Atomics.add(seq, 0)` is a write, and no load before it may be reordered after a
 * sequentially consistent write, so plain payload loads before it are validated by it. It
 * writes the sequence's cache line, which costs readers on other cores.
 */
export function readSeqcountRdmw(mem: LabMemory): number {
  return Atomics.add(mem.i32, SEQ, 0);
}

/** `read_seqretry()` in the read-don't-modify-write form. */
export function readSeqretryRdmw(mem: LabMemory, start: number): boolean {
  return readSeqcountRdmw(mem) !== start;
}

export function readWord(mem: LabMemory, word: number, access: DataAccess): number {
  return access === "atomics" ? Atomics.load(mem.i32, DATA + word) : mem.i32[DATA + word];
}

/** A snapshot is consistent when every word holds the value one writer stored in all of them. */
export function isConsistent(copy: ArrayLike<number>, words: number): boolean {
  const first = copy[0];
  for (let k = 1; k < words; k++) if (copy[k] !== first) return false;
  return true;
}
