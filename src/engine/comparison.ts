/**
 * The locks a seqlock is compared with, on the same buffer, payload and step machinery:
 *
 * - `mutex`: one spinlock (`LOCK`) that readers take too; readers block writers and each other.
 * - `rwlock`: a reader-preferring reader-writer lock (`LOCK` for the writer, `READERS` counting
 *   readers inside). Readers enter whenever no writer is inside, so while readers overlap the
 *   writer never sees zero readers: the writer starvation a seqlock avoids.
 *
 * The rwlock's handshake is Dekker's: a reader publishes itself in `READERS`, then checks
 * `LOCK`; a writer publishes itself in `LOCK`, then checks `READERS`. With sequentially
 * consistent Atomics at least one of them sees the other and backs off, so a reader and a
 * writer are never inside together.
 */
import { DATA, type LabMemory, LOCK, READERS, ThreadState } from "./layout";
import { Program, type ProgramLine, type StepEvent, type StepKind } from "./programs";
import { cpuRelax, spinTrylock, spinUnlock } from "./seqlock";

export type ComparisonLock = "mutex" | "rwlock";

// ---- rwlock primitive (Linux names) ---------------------------------------------------------

/** `read_trylock()`: enter unless a writer is inside. */
export function readTrylock(mem: LabMemory): boolean {
  Atomics.add(mem.i32, READERS, 1);
  if (Atomics.load(mem.i32, LOCK) === 0) return true;
  Atomics.sub(mem.i32, READERS, 1);
  return false;
}

export function readUnlock(mem: LabMemory): void {
  Atomics.sub(mem.i32, READERS, 1);
}

/** `write_trylock()`: take the writer lock, and keep it only if no reader is inside. */
export function writeTrylock(mem: LabMemory, ownerSlot: number): boolean {
  if (Atomics.load(mem.i32, READERS) !== 0) return false;
  if (Atomics.compareExchange(mem.i32, LOCK, 0, ownerSlot + 1) !== 0) return false;
  if (Atomics.load(mem.i32, READERS) === 0) return true;
  Atomics.store(mem.i32, LOCK, 0);
  return false;
}

export function writeUnlock(mem: LabMemory): void {
  Atomics.store(mem.i32, LOCK, 0);
}

function acquire(mem: LabMemory, lock: ComparisonLock, role: "writer" | "reader", slot: number) {
  if (lock === "mutex") return spinTrylock(mem, slot);
  return role === "writer" ? writeTrylock(mem, slot) : readTrylock(mem);
}

function release(mem: LabMemory, lock: ComparisonLock, role: "writer" | "reader"): void {
  if (lock === "mutex") spinUnlock(mem);
  else if (role === "writer") writeUnlock(mem);
  else readUnlock(mem);
}

export const COMPARISON_LINES: Record<
  ComparisonLock,
  Record<"writer" | "reader", readonly ProgramLine[]>
> = {
  mutex: {
    writer: [
      { code: "spin_lock(&lock);", note: "one thread at a time, readers included" },
      { code: "data[k] = v;", note: "one word per step", perWord: true },
      { code: "spin_unlock(&lock);", note: "the next thread may enter" },
      { code: "rest();", note: "idle before the next write" },
    ],
    reader: [
      { code: "spin_lock(&lock);", note: "readers wait for writers and for each other" },
      { code: "copy[k] = data[k];", note: "one word per step", perWord: true },
      { code: "spin_unlock(&lock);", note: "always consistent: nobody else was inside" },
    ],
  },
  rwlock: {
    writer: [
      { code: "write_lock(&rw);", note: "waits until no reader is inside" },
      { code: "data[k] = v;", note: "one word per step", perWord: true },
      { code: "write_unlock(&rw);", note: "readers may enter again" },
      { code: "rest();", note: "idle before the next write" },
    ],
    reader: [
      { code: "read_lock(&rw);", note: "enters unless a writer is inside" },
      { code: "copy[k] = data[k];", note: "one word per step", perWord: true },
      { code: "read_unlock(&rw);", note: "always consistent: no writer was inside" },
    ],
  },
};

const LOCKED = { acquire: 0, copy: 1, release: 2, rest: 3 } as const;

function lockWaitState(): ThreadState {
  return ThreadState.waitingForLock;
}

export class LockedWriterProgram extends Program {
  readonly role = "writer";
  readonly lines: readonly ProgramLine[];
  private value = 0;

  constructor(
    mem: LabMemory,
    slot: number,
    private readonly lock: ComparisonLock,
  ) {
    super(mem, slot);
    this.lines = COMPARISON_LINES[lock].writer;
  }

  insideCriticalSection(): boolean {
    return this.line === LOCKED.copy || this.line === LOCKED.release;
  }

  step(now: number): StepEvent {
    const mem = this.mem;
    switch (this.line) {
      case LOCKED.acquire: {
        if (!acquire(mem, this.lock, "writer", this.slot)) {
          this.counts.spins++;
          this.lockBusy(now);
          this.state = lockWaitState();
          return this.event(now, "lock-wait", LOCKED.acquire, -1, -1, -1);
        }
        this.lockTaken(now);
        this.value = (Atomics.load(mem.i32, DATA) + 1) | 0;
        this.line = LOCKED.copy;
        this.word = 0;
        this.state = ThreadState.inCriticalSection;
        return this.event(now, "lock", LOCKED.acquire, -1, -1, this.value);
      }
      case LOCKED.copy: {
        const word = this.word;
        Atomics.store(mem.i32, DATA + word, this.value);
        if (word + 1 < mem.words) this.word = word + 1;
        else {
          this.word = 0;
          this.line = LOCKED.release;
        }
        return this.event(now, "write-word", LOCKED.copy, word, -1, this.value);
      }
      case LOCKED.release: {
        release(mem, this.lock, "writer");
        this.counts.ops++;
        this.counts.lastValue = this.value;
        this.line = LOCKED.rest;
        this.state = ThreadState.idle;
        return this.event(now, "unlock", LOCKED.release, -1, -1, this.value);
      }
      default: {
        this.line = LOCKED.acquire;
        this.state = ThreadState.idle;
        return this.event(now, "rest", LOCKED.rest, -1, -1, -1);
      }
    }
  }

  runOnce(): void {
    const mem = this.mem;
    this.latency.attempt();
    if (!acquire(mem, this.lock, "writer", this.slot)) {
      this.counts.spins++;
      cpuRelax();
      return;
    }
    const value = (Atomics.load(mem.i32, DATA) + 1) | 0;
    for (let k = 0; k < mem.words; k++) Atomics.store(mem.i32, DATA + k, value);
    release(mem, this.lock, "writer");
    this.latency.done();
    this.counts.ops++;
    this.counts.lastValue = value;
  }
}

export class LockedReaderProgram extends Program {
  readonly role = "reader";
  readonly lines: readonly ProgramLine[];
  readonly copy: Int32Array;
  readonly lastAccepted: Int32Array;
  readonly lastDiscarded: Int32Array;

  constructor(
    mem: LabMemory,
    slot: number,
    private readonly lock: ComparisonLock,
  ) {
    super(mem, slot);
    this.lines = COMPARISON_LINES[lock].reader;
    this.copy = new Int32Array(mem.words);
    this.lastAccepted = new Int32Array(mem.words);
    this.lastDiscarded = new Int32Array(mem.words);
  }

  insideCriticalSection(): boolean {
    return this.line !== LOCKED.acquire;
  }

  step(now: number): StepEvent {
    const mem = this.mem;
    switch (this.line) {
      case LOCKED.acquire: {
        if (!acquire(mem, this.lock, "reader", this.slot)) {
          this.counts.spins++;
          this.state = lockWaitState();
          return this.event(now, "lock-wait", LOCKED.acquire, -1, -1, -1);
        }
        this.line = LOCKED.copy;
        this.word = 0;
        this.state = ThreadState.reading;
        return this.event(now, "lock", LOCKED.acquire, -1, -1, -1);
      }
      case LOCKED.copy:
        return this.copyWord(now, this.copy, LOCKED.copy, LOCKED.release);
      default: {
        release(mem, this.lock, "reader");
        const torn = this.acceptCopy(this.copy);
        this.line = LOCKED.acquire;
        this.state = ThreadState.accepted;
        const kind: StepKind = "accept";
        const ev = this.event(now, kind, LOCKED.release, -1, -1, this.copy[0]);
        ev.copy = Array.from(this.copy);
        ev.torn = torn;
        return ev;
      }
    }
  }

  runOnce(): void {
    const mem = this.mem;
    if (!acquire(mem, this.lock, "reader", this.slot)) {
      this.counts.spins++;
      cpuRelax();
      return;
    }
    const copy = this.copy;
    for (let k = 0; k < mem.words; k++) copy[k] = Atomics.load(mem.i32, DATA + k);
    release(mem, this.lock, "reader");
    this.acceptCopy(copy);
  }
}
