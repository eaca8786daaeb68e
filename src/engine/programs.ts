/**
 * The writer and reader programs, written once as sequences of observable steps.
 *
 * Contract: `step()` performs exactly one step, and each step is one real operation of the
 * seqlock primitive on the shared buffer (a lock attempt, a sequence increment or load, one data
 * word). The same objects run every mode: stepped by the user, slowed, and at full speed, where
 * `runOnce()` performs one whole operation (a write, or one read attempt) through the very same
 * primitive calls without publishing each step. They are also what the Node concurrency tests
 * run in `worker_threads` and what a deterministic explorer can interleave on a private buffer.
 *
 * Broken variants are the same programs with a line removed (shown struck through in the UI),
 * never separate code paths, so "what changed" is exactly one line.
 *
 * Counters are kept in plain fields on the hot path and published to the buffer by `flush()`:
 * each counter word has a single writer (this thread), and the UI samples it.
 */
import { LatencySampler } from "./latency";
import { C, counterIndex, DATA, type LabMemory, type Role, ThreadState } from "./layout";
import {
  cpuRelax,
  type DataAccess,
  isConsistent,
  rawReadSeqcount,
  readSeqcountRdmw,
  readSeqretry,
  readSeqretryRdmw,
  readWord,
  spinTrylock,
  spinUnlock,
  writeSeqcountBegin,
  writeSeqcountEnd,
  writeWord,
} from "./seqlock";

export interface ProgramLine {
  /** Pseudo-code with Linux names. */
  readonly code: string;
  /** Why this line is there, in a class's words. */
  readonly note: string;
  /** True for a line executed once per payload word (`k` runs over the words). */
  readonly perWord?: boolean;
}

export const WRITER_LINES: readonly ProgramLine[] = [
  { code: "spin_lock(&sl.lock);", note: "write_seqlock(): one writer at a time" },
  { code: "sl.seq++;", note: "odd: write in progress (v = old value + 1)" },
  { code: "sl.data[k] = v;", note: "one word per step", perWord: true },
  { code: "sl.seq++;", note: "write_sequnlock(): even, stable again" },
  { code: "spin_unlock(&sl.lock);", note: "the next writer may enter" },
  { code: "rest();", note: "idle before the next write: writes are rare" },
];

export const READER_LINES: readonly ProgramLine[] = [
  { code: "seq = read_seqbegin(&sl);", note: "spins while seq is odd" },
  { code: "copy[k] = sl.data[k];", note: "one word per step", perWord: true },
  {
    code: "if (read_seqretry(&sl, seq)) retry;",
    note: "seq changed: discard the copy, else accept",
  },
];

export const WriterLine = { lock: 0, begin: 1, write: 2, end: 3, unlock: 4, rest: 5 } as const;
export const ReaderLine = { begin: 0, copy: 1, retry: 2 } as const;

export type WriterVariantId = "seqlock" | "no-lock" | "plain-stores";
export type ReaderVariantId = "seqlock" | "rdmw" | "no-recheck" | "no-odd-check" | "plain-loads";
export type VariantId = WriterVariantId | ReaderVariantId;

export interface VariantInfo {
  readonly label: string;
  /** Correct under the JavaScript memory model. */
  readonly specCorrect: boolean;
  readonly explanation: string;
}

export const WRITER_VARIANTS: Record<WriterVariantId, VariantInfo> = {
  seqlock: {
    label: "seqlock writer",
    specCorrect: true,
    explanation: "Takes the writer lock; every store is an Atomics.store.",
  },
  "no-lock": {
    label: "writer without the lock (broken)",
    specCorrect: false,
    explanation: "Two such writers can be inside at once: sequence parity and data both break.",
  },
  "plain-stores": {
    label: "kernel-style plain stores",
    specCorrect: false,
    explanation: "Data words stored without Atomics: works on x86, not promised by JavaScript.",
  },
};

export const READER_VARIANTS: Record<ReaderVariantId, VariantInfo> = {
  seqlock: {
    label: "seqlock reader",
    specCorrect: true,
    explanation: "Waits for an even sequence, copies with Atomics.load, re-checks.",
  },
  rdmw: {
    label: "read-don't-modify-write reader",
    specCorrect: true,
    explanation:
      "Copies with plain loads and validates with Atomics.add(seq, 0): a write to the sequence that no earlier load may pass, so it is correct in JavaScript and much faster, at the price of every reader writing the sequence's cache line.",
  },
  "no-recheck": {
    label: "reader without read_seqretry (broken)",
    specCorrect: false,
    explanation: "Never re-checks the sequence, so it accepts copies a writer changed midway.",
  },
  "no-odd-check": {
    label: "reader that ignores an odd sequence (broken)",
    specCorrect: false,
    explanation:
      "Starts copying while a write is in progress; the re-check sees the same odd value.",
  },
  "plain-loads": {
    label: "kernel-style plain loads",
    specCorrect: false,
    explanation: "Data words loaded without Atomics: works on x86, not promised by JavaScript.",
  },
};

export function isWriterVariant(id: string): id is WriterVariantId {
  return Object.hasOwn(WRITER_VARIANTS, id);
}

export function isReaderVariant(id: string): id is ReaderVariantId {
  return Object.hasOwn(READER_VARIANTS, id);
}

export type StepKind =
  | "lock-wait"
  | "lock"
  | "seq-odd"
  | "write-word"
  | "seq-even"
  | "unlock"
  | "rest"
  | "spin"
  | "begin"
  | "read-word"
  | "check"
  | "retry"
  | "accept";

/** What one step did, as the thread itself reports it. */
export interface StepEvent {
  /** This thread's step number, from 1. */
  n: number;
  /** Wall-clock time of the step in ms since the Unix epoch (timeOrigin + now), float. */
  t: number;
  /**
   * The step's ticket in the global order of steps (STEP_ORDER), set by the runner; -1 for a
   * step taken outside it (the explorer's private runs).
   */
  order: number;
  kind: StepKind;
  /** The line executed, and for per-word lines the word. */
  line: number;
  word: number;
  /** Sequence value this step produced (writer) or observed (reader); -1 when it touched none. */
  seq: number;
  /** Value written (writer) or loaded (reader), or the value accepted; -1 when none. */
  value: number;
  /** Reader on retry or accept: the copy as it stood (the discarded or accepted values). */
  copy?: number[];
  /** Reader on accept: the words disagree, a torn snapshot was accepted. */
  torn?: boolean;
  /** The line the thread will execute next. */
  nextLine: number;
  nextWord: number;
}

/** Local counters, published to the buffer by `flush()`. */
export interface Counters {
  ops: number;
  retries: number;
  spins: number;
  torn: number;
  backwards: number;
  lastValue: number;
  waitUs: number;
  dangling: number;
}

export abstract class Program {
  line = 0;
  word = 0;
  state: ThreadState = ThreadState.idle;
  steps = 0;
  readonly counts: Counters = {
    ops: 0,
    retries: 0,
    spins: 0,
    torn: 0,
    backwards: 0,
    lastValue: 0,
    waitUs: 0,
    dangling: 0,
  };
  /** Time of the last lock attempt of the current wait (ms, the step clock), -1 when none. */
  private waitingSince = -1;
  /** Writers at full speed: how long a write takes from first attempt to release, sampled. */
  get latency(): LatencySampler {
    this.sampler ??= new LatencySampler();
    return this.sampler;
  }
  private sampler?: LatencySampler;

  constructor(
    readonly mem: LabMemory,
    readonly slot: number,
  ) {}

  abstract readonly role: Role;
  /** Pseudo-code of the program, one entry per line a step can be at. */
  abstract readonly lines: readonly ProgramLine[];
  /** Readers: the last accepted and last discarded copies, for the page's summaries. */
  lastAccepted?: Int32Array;
  lastDiscarded?: Int32Array;
  /** Readers: the last accepted copy whose words disagree (kept only when one happens). */
  lastTorn?: Int32Array;
  abstract step(now: number): StepEvent;
  abstract runOnce(): void;

  /** `n` operations at full speed; programs with a hot loop worth specialising override it. */
  runBatch(n: number): void {
    for (let i = 0; i < n; i++) this.runOnce();
  }

  /** At the top of the loop: the point where full-speed operations can take over. */
  atLoopStart(): boolean {
    return this.line === 0 && this.word === 0;
  }

  /** True while the thread holds the lock or has the sequence odd: it must not vanish here. */
  abstract insideCriticalSection(): boolean;

  /** Publishes counters. Each word has one writer (this thread); the UI only loads them. */
  flush(): void {
    const c = this.mem.counters;
    const base = counterIndex(this.slot, 0);
    const k = this.counts;
    Atomics.store(c, base + C.ops, BigInt(k.ops));
    Atomics.store(c, base + C.retries, BigInt(k.retries));
    Atomics.store(c, base + C.spins, BigInt(k.spins));
    Atomics.store(c, base + C.torn, BigInt(k.torn));
    Atomics.store(c, base + C.backwards, BigInt(k.backwards));
    Atomics.store(c, base + C.lastValue, BigInt(k.lastValue));
    Atomics.store(c, base + C.waitUs, BigInt(Math.round(k.waitUs)));
    Atomics.store(c, base + C.dangling, BigInt(k.dangling));
  }

  /**
   * A step found the lock taken. The wait is added as it grows, at every attempt, so a thread
   * starved for minutes shows its wait before it ever gets the lock.
   */
  protected lockBusy(now: number): void {
    if (this.waitingSince >= 0) this.counts.waitUs += (now - this.waitingSince) * 1000;
    this.waitingSince = now;
  }

  /** A step took the lock: the last stretch of the wait is added and the wait ends. */
  protected lockTaken(now: number): void {
    if (this.waitingSince >= 0) this.counts.waitUs += (now - this.waitingSince) * 1000;
    this.waitingSince = -1;
  }

  /** Records a reader's copy as accepted; returns whether it was torn (its words disagree). */
  protected acceptCopy(copy: Int32Array): boolean {
    const torn = !isConsistent(copy, copy.length);
    const k = this.counts;
    if (torn) {
      k.torn++;
      this.keepTorn(copy);
    } else if (k.ops > 0 && copy[0] < k.lastValue) k.backwards++;
    k.ops++;
    k.lastValue = copy[0];
    this.lastAccepted?.set(copy);
    return torn;
  }

  /**
   * One word of a reader's copy, loaded with Atomics: the per-word copy line the locked,
   * or-lock and latch readers share. `base` is where the copy's words start in the payload.
   */
  protected copyWord(
    now: number,
    copy: Int32Array,
    line: number,
    nextLine: number,
    base = 0,
  ): StepEvent {
    const word = this.word;
    const value = Atomics.load(this.mem.i32, DATA + base + word);
    copy[word] = value;
    if (word + 1 < copy.length) this.word = word + 1;
    else {
      this.word = 0;
      this.line = nextLine;
    }
    const ev = this.event(now, "read-word", line, base + word, -1, value);
    ev.copy = Array.from(copy.subarray(0, word + 1));
    return ev;
  }

  protected keepTorn(copy: Int32Array): void {
    if (!this.lastTorn) this.lastTorn = new Int32Array(copy.length);
    this.lastTorn.set(copy);
  }

  protected event(
    now: number,
    kind: StepKind,
    line: number,
    word: number,
    seq: number,
    value: number,
  ): StepEvent {
    this.steps++;
    return {
      n: this.steps,
      t: now,
      order: -1,
      kind,
      line,
      word,
      seq,
      value,
      nextLine: this.line,
      nextWord: this.word,
    };
  }
}

export class WriterProgram extends Program {
  readonly role = "writer";
  readonly lines = WRITER_LINES;
  private value = 0;
  private readonly takesLock: boolean;
  private readonly access: DataAccess;

  constructor(mem: LabMemory, slot: number, variant: WriterVariantId = "seqlock") {
    super(mem, slot);
    this.takesLock = variant !== "no-lock";
    this.access = variant === "plain-stores" ? "plain" : "atomics";
  }

  insideCriticalSection(): boolean {
    return this.line !== WriterLine.lock && this.line !== WriterLine.rest;
  }

  step(now: number): StepEvent {
    const mem = this.mem;
    switch (this.line) {
      case WriterLine.lock: {
        if (!this.takesLock) {
          this.line = WriterLine.begin;
          return this.step(now);
        }
        if (!spinTrylock(mem, this.slot)) {
          this.counts.spins++;
          this.lockBusy(now);
          this.state = ThreadState.waitingForLock;
          return this.event(now, "lock-wait", WriterLine.lock, -1, -1, -1);
        }
        this.lockTaken(now);
        this.line = WriterLine.begin;
        this.state = ThreadState.inCriticalSection;
        return this.event(now, "lock", WriterLine.lock, -1, -1, -1);
      }
      case WriterLine.begin: {
        const seq = writeSeqcountBegin(mem);
        // Under the lock no other writer stores word 0, so this is the current value.
        this.value = (readWord(mem, 0, this.access) + 1) | 0;
        this.line = WriterLine.write;
        this.word = 0;
        this.state = ThreadState.inCriticalSection;
        return this.event(now, "seq-odd", WriterLine.begin, -1, seq, this.value);
      }
      case WriterLine.write: {
        const word = this.word;
        writeWord(mem, word, this.value, this.access);
        if (word + 1 < mem.words) this.word = word + 1;
        else {
          this.word = 0;
          this.line = WriterLine.end;
        }
        return this.event(now, "write-word", WriterLine.write, word, -1, this.value);
      }
      case WriterLine.end: {
        const seq = writeSeqcountEnd(mem);
        this.line = this.takesLock ? WriterLine.unlock : WriterLine.rest;
        this.counts.ops++;
        this.counts.lastValue = this.value;
        this.state = this.takesLock ? ThreadState.inCriticalSection : ThreadState.idle;
        return this.event(now, "seq-even", WriterLine.end, -1, seq, this.value);
      }
      case WriterLine.unlock: {
        spinUnlock(mem);
        this.line = WriterLine.rest;
        this.state = ThreadState.idle;
        return this.event(now, "unlock", WriterLine.unlock, -1, -1, -1);
      }
      default: {
        this.line = WriterLine.lock;
        this.state = ThreadState.idle;
        return this.event(now, "rest", WriterLine.rest, -1, -1, -1);
      }
    }
  }

  /** One whole write (or one failed lock attempt), through the same primitive calls. */
  runOnce(): void {
    const mem = this.mem;
    this.latency.attempt();
    if (this.takesLock && !spinTrylock(mem, this.slot)) {
      this.counts.spins++;
      cpuRelax();
      return;
    }
    writeSeqcountBegin(mem);
    const access = this.access;
    const value = (readWord(mem, 0, access) + 1) | 0;
    const words = mem.words;
    for (let k = 0; k < words; k++) writeWord(mem, k, value, access);
    writeSeqcountEnd(mem);
    if (this.takesLock) spinUnlock(mem);
    this.latency.done();
    this.value = value;
    this.counts.ops++;
    this.counts.lastValue = value;
  }
}

export class ReaderProgram extends Program {
  readonly role = "reader";
  readonly lines = READER_LINES;
  /** Sequence seen by read_seqbegin for the copy in progress. */
  private begin = 0;
  /** The copy in progress. At full speed it trades places with `lastAccepted` on accept. */
  copy: Int32Array;
  private readonly checksOdd: boolean;
  private readonly rechecks: boolean;
  /** Validate with a read-modify-write of the sequence instead of a load. */
  private readonly rdmw: boolean;

  private readonly access: DataAccess;
  /** Last accepted and last discarded snapshots, for the UI's full-speed summaries. */
  lastAccepted: Int32Array;
  readonly lastDiscarded: Int32Array;

  constructor(mem: LabMemory, slot: number, variant: ReaderVariantId = "seqlock") {
    super(mem, slot);
    this.copy = new Int32Array(mem.words);
    this.lastAccepted = new Int32Array(mem.words);
    this.lastDiscarded = new Int32Array(mem.words);
    this.checksOdd = variant !== "no-odd-check";
    this.rechecks = variant !== "no-recheck";
    this.rdmw = variant === "rdmw";
    this.access = variant === "plain-loads" || this.rdmw ? "plain" : "atomics";
  }

  insideCriticalSection(): boolean {
    return false;
  }

  step(now: number): StepEvent {
    const mem = this.mem;
    switch (this.line) {
      case ReaderLine.begin: {
        const seq = rawReadSeqcount(mem);
        if (this.checksOdd && (seq & 1) === 1) {
          this.counts.spins++;
          this.state = ThreadState.spinningOnOdd;
          cpuRelax();
          return this.event(now, "spin", ReaderLine.begin, -1, seq, -1);
        }
        this.begin = seq;
        this.line = ReaderLine.copy;
        this.word = 0;
        this.state = ThreadState.reading;
        return this.event(now, "begin", ReaderLine.begin, -1, seq, -1);
      }
      case ReaderLine.copy: {
        const word = this.word;
        const value = readWord(mem, word, this.access);
        this.copy[word] = value;
        if (word + 1 < mem.words) this.word = word + 1;
        else {
          this.word = 0;
          this.line = ReaderLine.retry;
        }
        const ev = this.event(now, "read-word", ReaderLine.copy, word, -1, value);
        ev.copy = Array.from(this.copy.subarray(0, word + 1));
        return ev;
      }
      default: {
        this.line = ReaderLine.begin;
        // With the re-check removed this step accepts without looking at the sequence.
        const seq = !this.rechecks
          ? this.begin
          : this.rdmw
            ? readSeqcountRdmw(mem)
            : rawReadSeqcount(mem);
        if (seq !== this.begin) {
          this.counts.retries++;
          this.lastDiscarded.set(this.copy);
          this.state = ThreadState.retrying;
          const ev = this.event(now, "retry", ReaderLine.retry, -1, seq, -1);
          ev.copy = Array.from(this.copy);
          return ev;
        }
        const torn = this.acceptCopy(this.copy);
        this.state = ThreadState.accepted;
        const ev = this.event(
          now,
          "accept",
          ReaderLine.retry,
          -1,
          this.rechecks ? seq : -1,
          this.copy[0],
        );
        ev.copy = Array.from(this.copy);
        ev.torn = torn;
        return ev;
      }
    }
  }

  /** One read attempt (accept, retry, or one spin on an odd sequence). */
  runOnce(): void {
    this.runBatch(1);
  }

  /**
   * The full-speed hot loop: the same primitive calls as the steps, with everything the loop
   * reads hoisted into locals and the counters kept in locals until the batch ends. An
   * accepted copy is kept by swapping buffers with `lastAccepted`, never by copying it.
   */
  runBatch(n: number): void {
    const mem = this.mem;
    let copy = this.copy;
    let accepted = this.lastAccepted;
    const words = mem.words;
    const i32 = mem.i32;
    const plain = this.access === "plain";
    const checksOdd = this.checksOdd;
    const rechecks = this.rechecks;
    const rdmw = this.rdmw;
    const k = this.counts;
    let { ops, retries, spins, torn, backwards, lastValue } = k;
    for (let i = 0; i < n; i++) {
      const seq = rawReadSeqcount(mem);
      if (checksOdd && (seq & 1) === 1) {
        spins++;
        cpuRelax();
        continue;
      }
      // readWord() unrolled by access kind: one branch per copy, not one per word.
      if (plain) for (let w = 0; w < words; w++) copy[w] = i32[DATA + w];
      else for (let w = 0; w < words; w++) copy[w] = Atomics.load(i32, DATA + w);
      if (rechecks && (rdmw ? readSeqretryRdmw(mem, seq) : readSeqretry(mem, seq))) {
        retries++;
        this.lastDiscarded.set(copy);
        continue;
      }
      const value = copy[0];
      let differs = 0;
      for (let w = 1; w < words; w++) differs |= copy[w] ^ value;
      if (differs !== 0) {
        torn++;
        this.keepTorn(copy);
      } else if (ops > 0 && value < lastValue) backwards++;
      ops++;
      lastValue = value;
      const spare = accepted;
      accepted = copy;
      copy = spare;
    }
    k.ops = ops;
    k.retries = retries;
    k.spins = spins;
    k.torn = torn;
    k.backwards = backwards;
    k.lastValue = lastValue;
    this.copy = copy;
    this.lastAccepted = accepted;
  }
}
