/**
 * Three more programs from the kernel's seqlock family, on the same buffer, step machinery and
 * counters as the plain seqlock:
 *
 * - `pointer`: why a seqlock must not protect pointers. `data[0]` holds an index (`sl.ptr`)
 *   into a table in `data[1..]`; the writer puts the new value in a fresh entry, publishes its
 *   index and frees the old entry (poisons it with `FREED`). A reader that loaded the old index
 *   before the writer ran then loads a freed entry before its `read_seqretry()` check. The check
 *   still discards the value, so nothing wrong is accepted here; in the kernel that load is a
 *   use-after-free that can crash before any check runs. Counted in `C.dangling`.
 * - `or-lock`: `read_seqbegin_or_lock()` readers (fs/d_path.c style): one lockless pass, and
 *   after a failed one, a second pass under the writers' lock, which then excludes writers.
 * - `latch`: `seqcount_latch` (include/linux/seqlock.h, `raw_write_seqcount_latch()`): the
 *   payload is kept twice; the writer updates copy 0 while the odd sequence sends readers to
 *   copy 1, then copy 1 while the even sequence sends them to copy 0. Readers never spin; they
 *   retry only if the sequence moved during their copy.
 *
 * Every access to shared words is an `Atomics` operation, so all three are correct under the
 * JavaScript memory model (the pointer program's point is about what the kernel would do).
 */
import { DATA, type LabMemory, ThreadState } from "./layout";
import { Program, type ProgramLine, type StepEvent } from "./programs";
import {
  cpuRelax,
  rawReadSeqcount,
  readSeqretry,
  spinTrylock,
  spinUnlock,
  writeSeqcountBegin,
  writeSeqcountEnd,
} from "./seqlock";

/** What a freed table entry holds (kernel: poisoned / reused memory). */
export const FREED = -1;

// ---- pointer: an index into a table the writer rewrites ---------------------------------------

export const POINTER_WRITER_LINES: readonly ProgramLine[] = [
  { code: "spin_lock(&sl.lock);", note: "write_seqlock(): one writer at a time" },
  { code: "sl.seq++;", note: "odd: write in progress" },
  { code: "n = alloc(); table[n] = table[p] + 1;", note: "the new value in a fresh entry" },
  { code: "sl.ptr = n;", note: "publish the new entry's index" },
  { code: "free(&table[p]);", note: "the old entry is freed: kfree() in the kernel" },
  { code: "sl.seq++;", note: "write_sequnlock(): even, stable again" },
  { code: "spin_unlock(&sl.lock);", note: "the next writer may enter" },
  { code: "rest();", note: "idle before the next write" },
];

export const POINTER_READER_LINES: readonly ProgramLine[] = [
  { code: "seq = read_seqbegin(&sl);", note: "spins while seq is odd" },
  { code: "p = sl.ptr;", note: "the index may be stale by the next step" },
  { code: "v = table[p];", note: "a freed entry here: use-after-free in the kernel" },
  { code: "if (read_seqretry(&sl, seq)) retry;", note: "too late for a crash, but v is discarded" },
];

const PW = { lock: 0, begin: 1, fill: 2, publish: 3, free: 4, end: 5, unlock: 6, rest: 7 };
const PR = { begin: 0, ptr: 1, deref: 2, retry: 3 };

/** Table entries live in data[1..words); data[0] is the index of the live entry. */
function tableIndex(mem: LabMemory, entry: number): number {
  return DATA + 1 + (((entry % (mem.words - 1)) + (mem.words - 1)) % (mem.words - 1));
}

export class PointerWriterProgram extends Program {
  readonly role = "writer";
  readonly lines = POINTER_WRITER_LINES;
  private old = 0;
  private fresh = 0;
  private value = 0;

  insideCriticalSection(): boolean {
    return this.line !== PW.lock && this.line !== PW.rest;
  }

  step(now: number): StepEvent {
    const i32 = this.mem.i32;
    switch (this.line) {
      case PW.lock:
        if (!spinTrylock(this.mem, this.slot)) {
          this.counts.spins++;
          this.lockBusy(now);
          this.state = ThreadState.waitingForLock;
          return this.event(now, "lock-wait", PW.lock, -1, -1, -1);
        }
        this.lockTaken(now);
        this.line = PW.begin;
        this.state = ThreadState.inCriticalSection;
        return this.event(now, "lock", PW.lock, -1, -1, -1);
      case PW.begin: {
        const seq = writeSeqcountBegin(this.mem);
        // Under the lock: the live entry and its value are this writer's to replace.
        this.old = Atomics.load(i32, DATA);
        this.fresh = (this.old + 1) % (this.mem.words - 1);
        this.value = (Atomics.load(i32, tableIndex(this.mem, this.old)) + 1) | 0;
        this.line = PW.fill;
        return this.event(now, "seq-odd", PW.begin, -1, seq, this.value);
      }
      case PW.fill: {
        const at = tableIndex(this.mem, this.fresh);
        Atomics.store(i32, at, this.value);
        this.line = PW.publish;
        return this.event(now, "write-word", PW.fill, at - DATA, -1, this.value);
      }
      case PW.publish:
        Atomics.store(i32, DATA, this.fresh);
        this.line = PW.free;
        return this.event(now, "write-word", PW.publish, 0, -1, this.fresh);
      case PW.free: {
        const at = tableIndex(this.mem, this.old);
        Atomics.store(i32, at, FREED);
        this.line = PW.end;
        return this.event(now, "write-word", PW.free, at - DATA, -1, FREED);
      }
      case PW.end: {
        const seq = writeSeqcountEnd(this.mem);
        this.counts.ops++;
        this.counts.lastValue = this.value;
        this.line = PW.unlock;
        return this.event(now, "seq-even", PW.end, -1, seq, this.value);
      }
      case PW.unlock:
        spinUnlock(this.mem);
        this.line = PW.rest;
        this.state = ThreadState.idle;
        return this.event(now, "unlock", PW.unlock, -1, -1, -1);
      default:
        this.line = PW.lock;
        return this.event(now, "rest", PW.rest, -1, -1, -1);
    }
  }

  runOnce(): void {
    do this.step(0);
    while (this.line !== PW.lock);
  }
}

export class PointerReaderProgram extends Program {
  readonly role = "reader";
  readonly lines = POINTER_READER_LINES;
  private begin = 0;
  /** [index loaded, value loaded through it]. */
  private readonly copy = new Int32Array(2);
  lastAccepted = new Int32Array(2);
  readonly lastDiscarded = new Int32Array(2);

  insideCriticalSection(): boolean {
    return false;
  }

  step(now: number): StepEvent {
    const mem = this.mem;
    switch (this.line) {
      case PR.begin: {
        const seq = rawReadSeqcount(mem);
        if ((seq & 1) === 1) {
          this.counts.spins++;
          this.state = ThreadState.spinningOnOdd;
          cpuRelax();
          return this.event(now, "spin", PR.begin, -1, seq, -1);
        }
        this.begin = seq;
        this.line = PR.ptr;
        this.state = ThreadState.reading;
        return this.event(now, "begin", PR.begin, -1, seq, -1);
      }
      case PR.ptr: {
        this.copy[0] = Atomics.load(mem.i32, DATA);
        this.line = PR.deref;
        const ev = this.event(now, "read-word", PR.ptr, 0, -1, this.copy[0]);
        ev.copy = [this.copy[0]];
        return ev;
      }
      case PR.deref: {
        const at = tableIndex(mem, this.copy[0]);
        const value = Atomics.load(mem.i32, at);
        this.copy[1] = value;
        if (value === FREED) this.counts.dangling++;
        this.line = PR.retry;
        const ev = this.event(now, "read-word", PR.deref, at - DATA, -1, value);
        ev.copy = Array.from(this.copy);
        return ev;
      }
      default: {
        this.line = PR.begin;
        const seq = rawReadSeqcount(mem);
        const ev =
          seq !== this.begin ? this.discard(now, seq) : this.accept(now, seq, this.copy[1]);
        ev.copy = Array.from(this.copy);
        return ev;
      }
    }
  }

  private discard(now: number, seq: number): StepEvent {
    this.counts.retries++;
    this.lastDiscarded.set(this.copy);
    this.state = ThreadState.retrying;
    return this.event(now, "retry", PR.retry, -1, seq, -1);
  }

  private accept(now: number, seq: number, value: number): StepEvent {
    const k = this.counts;
    // Accepting a freed entry would be the failure; the re-check makes it impossible.
    const torn = value === FREED;
    if (torn) {
      k.torn++;
      this.keepTorn(this.copy);
    } else if (k.ops > 0 && value < k.lastValue) k.backwards++;
    k.ops++;
    k.lastValue = value;
    this.lastAccepted.set(this.copy);
    this.state = ThreadState.accepted;
    const ev = this.event(now, "accept", PR.retry, -1, seq, value);
    ev.torn = torn;
    return ev;
  }

  runOnce(): void {
    do this.step(0);
    while (this.line !== PR.begin);
  }
}

// ---- read_seqbegin_or_lock -------------------------------------------------------------------

export const OR_LOCK_READER_LINES: readonly ProgramLine[] = [
  {
    code: "read_seqbegin_or_lock(&sl, &seq);",
    note: "first pass lockless; after a failed pass, spin_lock(&sl.lock)",
  },
  { code: "copy[k] = sl.data[k];", note: "one word per step", perWord: true },
  {
    code: "if (need_seqretry(&sl, seq)) { seq = 1; goto again; }",
    note: "a lockless pass that saw a write retries, this time with the lock",
  },
  { code: "done_seqretry(&sl, seq);", note: "releases the lock if this pass took it" },
];

const OL = { begin: 0, copy: 1, check: 2, done: 3 };

export class OrLockReaderProgram extends Program {
  readonly role = "reader";
  readonly lines = OR_LOCK_READER_LINES;
  /** The kernel's `seq` marker: even = lockless pass with this start value, 1 = locking pass. */
  private seq = 0;
  private locking = false;
  private readonly copy: Int32Array;
  lastAccepted: Int32Array;
  readonly lastDiscarded: Int32Array;

  constructor(mem: LabMemory, slot: number) {
    super(mem, slot);
    this.copy = new Int32Array(mem.words);
    this.lastAccepted = new Int32Array(mem.words);
    this.lastDiscarded = new Int32Array(mem.words);
  }

  /** The locking pass holds the writers' lock from its first step to done_seqretry(). */
  insideCriticalSection(): boolean {
    return this.locking && this.line !== OL.begin;
  }

  step(now: number): StepEvent {
    const mem = this.mem;
    switch (this.line) {
      case OL.begin: {
        if (this.locking) {
          if (!spinTrylock(mem, this.slot)) {
            this.counts.spins++;
            this.lockBusy(now);
            this.state = ThreadState.waitingForLock;
            return this.event(now, "lock-wait", OL.begin, -1, -1, -1);
          }
          this.lockTaken(now);
          this.line = OL.copy;
          this.word = 0;
          this.state = ThreadState.holdingLock;
          return this.event(now, "lock", OL.begin, -1, -1, -1);
        }
        const seq = rawReadSeqcount(mem);
        if ((seq & 1) === 1) {
          this.counts.spins++;
          this.state = ThreadState.spinningOnOdd;
          cpuRelax();
          return this.event(now, "spin", OL.begin, -1, seq, -1);
        }
        this.seq = seq;
        this.line = OL.copy;
        this.word = 0;
        this.state = ThreadState.reading;
        return this.event(now, "begin", OL.begin, -1, seq, -1);
      }
      case OL.copy:
        return this.copyWord(now, this.copy, OL.copy, OL.check);
      case OL.check: {
        if (!this.locking && readSeqretry(mem, this.seq)) {
          this.counts.retries++;
          this.lastDiscarded.set(this.copy);
          this.locking = true;
          this.line = OL.begin;
          this.state = ThreadState.retrying;
          const ev = this.event(now, "retry", OL.check, -1, rawReadSeqcount(mem), -1);
          ev.copy = Array.from(this.copy);
          return ev;
        }
        this.line = OL.done;
        return this.event(now, "check", OL.check, -1, this.locking ? -1 : this.seq, -1);
      }
      default: {
        if (this.locking) spinUnlock(mem);
        this.locking = false;
        this.line = OL.begin;
        const torn = this.acceptCopy(this.copy);
        this.state = ThreadState.accepted;
        const ev = this.event(now, "accept", OL.done, -1, -1, this.copy[0]);
        ev.copy = Array.from(this.copy);
        ev.torn = torn;
        return ev;
      }
    }
  }

  runOnce(): void {
    do this.step(0);
    while (this.line !== OL.begin);
  }
}

// ---- seqcount_latch --------------------------------------------------------------------------

export const LATCH_WRITER_LINES: readonly ProgramLine[] = [
  { code: "spin_lock(&latch.lock);", note: "latch writers still take turns" },
  { code: "latch.seq++;", note: "odd: readers now use copy 1" },
  { code: "latch.data[0][k] = v;", note: "copy 0, one word per step", perWord: true },
  { code: "latch.seq++;", note: "even: readers now use copy 0" },
  { code: "latch.data[1][k] = v;", note: "copy 1, one word per step", perWord: true },
  { code: "spin_unlock(&latch.lock);", note: "the next writer may enter" },
  { code: "rest();", note: "idle before the next write" },
];

export const LATCH_READER_LINES: readonly ProgramLine[] = [
  {
    code: "seq = raw_read_seqcount_latch(&latch); idx = seq & 1;",
    note: "never waits: an odd sequence only means “use copy 1”",
  },
  { code: "copy[k] = latch.data[idx][k];", note: "one word per step", perWord: true },
  {
    code: "if (read_seqcount_latch_retry(&latch, seq)) retry;",
    note: "the writer moved on to this copy meanwhile: copy again",
  },
];

const LW = { lock: 0, odd: 1, copy0: 2, even: 3, copy1: 4, unlock: 5, rest: 6 };
const LR = { begin: 0, copy: 1, retry: 2 };

/** Words per copy: the payload is split in two halves, copy 0 first. */
export function latchWords(mem: LabMemory): number {
  return mem.words >> 1;
}

export class LatchWriterProgram extends Program {
  readonly role = "writer";
  readonly lines = LATCH_WRITER_LINES;
  private value = 0;

  insideCriticalSection(): boolean {
    return this.line !== LW.lock && this.line !== LW.rest;
  }

  step(now: number): StepEvent {
    const mem = this.mem;
    const half = latchWords(mem);
    switch (this.line) {
      case LW.lock:
        if (!spinTrylock(mem, this.slot)) {
          this.counts.spins++;
          this.lockBusy(now);
          this.state = ThreadState.waitingForLock;
          return this.event(now, "lock-wait", LW.lock, -1, -1, -1);
        }
        this.lockTaken(now);
        this.line = LW.odd;
        this.state = ThreadState.inCriticalSection;
        return this.event(now, "lock", LW.lock, -1, -1, -1);
      case LW.odd: {
        // Copy 1 holds the latest complete value whatever copy 0 is going through.
        this.value = (Atomics.load(mem.i32, DATA + half) + 1) | 0;
        const seq = writeSeqcountBegin(mem);
        this.line = LW.copy0;
        this.word = 0;
        return this.event(now, "seq-odd", LW.odd, -1, seq, this.value);
      }
      case LW.copy0:
      case LW.copy1: {
        const line = this.line;
        const base = line === LW.copy0 ? 0 : half;
        const word = this.word;
        Atomics.store(mem.i32, DATA + base + word, this.value);
        if (word + 1 < half) this.word = word + 1;
        else {
          this.word = 0;
          this.line = line === LW.copy0 ? LW.even : LW.unlock;
          if (line === LW.copy1) {
            this.counts.ops++;
            this.counts.lastValue = this.value;
          }
        }
        return this.event(now, "write-word", line, base + word, -1, this.value);
      }
      case LW.even: {
        const seq = writeSeqcountEnd(mem);
        this.line = LW.copy1;
        this.word = 0;
        return this.event(now, "seq-even", LW.even, -1, seq, this.value);
      }
      case LW.unlock:
        spinUnlock(mem);
        this.line = LW.rest;
        this.state = ThreadState.idle;
        return this.event(now, "unlock", LW.unlock, -1, -1, -1);
      default:
        this.line = LW.lock;
        return this.event(now, "rest", LW.rest, -1, -1, -1);
    }
  }

  runOnce(): void {
    do this.step(0);
    while (this.line !== LW.lock);
  }
}

export class LatchReaderProgram extends Program {
  readonly role = "reader";
  readonly lines = LATCH_READER_LINES;
  private begin = 0;
  private readonly copy: Int32Array;
  lastAccepted: Int32Array;
  readonly lastDiscarded: Int32Array;

  constructor(mem: LabMemory, slot: number) {
    super(mem, slot);
    this.copy = new Int32Array(latchWords(mem));
    this.lastAccepted = new Int32Array(latchWords(mem));
    this.lastDiscarded = new Int32Array(latchWords(mem));
  }

  insideCriticalSection(): boolean {
    return false;
  }

  step(now: number): StepEvent {
    const mem = this.mem;
    const half = latchWords(mem);
    switch (this.line) {
      case LR.begin: {
        this.begin = rawReadSeqcount(mem);
        this.line = LR.copy;
        this.word = 0;
        this.state = ThreadState.reading;
        return this.event(now, "begin", LR.begin, -1, this.begin, -1);
      }
      case LR.copy:
        // An odd sequence sends the reader to copy 1, the one the writer is not touching.
        return this.copyWord(now, this.copy, LR.copy, LR.retry, (this.begin & 1) * half);
      default: {
        this.line = LR.begin;
        if (readSeqretry(mem, this.begin)) {
          this.counts.retries++;
          this.lastDiscarded.set(this.copy);
          this.state = ThreadState.retrying;
          const ev = this.event(now, "retry", LR.retry, -1, rawReadSeqcount(mem), -1);
          ev.copy = Array.from(this.copy);
          return ev;
        }
        const torn = this.acceptCopy(this.copy);
        this.state = ThreadState.accepted;
        const ev = this.event(now, "accept", LR.retry, -1, this.begin, this.copy[0]);
        ev.copy = Array.from(this.copy);
        ev.torn = torn;
        return ev;
      }
    }
  }

  runOnce(): void {
    do this.step(0);
    while (this.line !== LR.begin);
  }
}
