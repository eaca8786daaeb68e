/**
 * The shared-memory layout of one Seqlock Lab session: the single source of truth.
 *
 * Contract: every module that touches the SharedArrayBuffer attaches its views through
 * `attachLab()` and addresses words only through the offsets declared here. No other module
 * writes an index into the buffer by hand. The module has no DOM and no worker globals, so the
 * same code runs in browser Workers, on the page and in Node `worker_threads`.
 *
 * The buffer holds two regions:
 *
 *   Int32 region (Atomics on Int32Array)
 *     [0]            SEQ       the seqlock's sequence counter (odd = write in progress)
 *     [1]            LOCK      the writers' spinlock: 0 = free, k = held by writer slot k-1
 *     [2]            READERS   comparison rwlock only: readers inside
 *     [3]            STEP_LOCK stepped and slowed steps only: held while one step runs
 *     [4]            STEP_ORDER the global step counter: each such step's ticket
 *     [16 .. 16+W)   DATA      the payload, W words; the writer stores the same value in each
 *     [32 + 16*s ..] THREAD s  one 64-byte block per thread slot (control + status, below)
 *
 *   BigInt64 region (Atomics on BigInt64Array), after the Int32 region
 *     [8*s ..]       COUNTERS  one 64-byte block per thread slot, written only by that thread
 *
 * Sequence and lock share a cache line as in Linux `seqlock_t`; the payload and each thread's
 * block sit on lines of their own so that one thread's status words do not slow another's
 * loads (false sharing).
 */

/** Thread slots are fixed: writers first, then readers, so adding a reader never moves others. */
export const MAX_WRITERS = 4;
export const MAX_READERS = 8;
export const MAX_THREADS = MAX_WRITERS + MAX_READERS;
export const MIN_WORDS = 2;
export const MAX_WORDS = 16;

const WORDS_PER_LINE = 16; // 64-byte cache line of Int32 words

export const SEQ = 0;
export const LOCK = 1;
/** Comparison rwlock only: readers inside. */
export const READERS = 2;
/**
 * Steps taken one at a time (stepped or slowed, never at full speed) run under this lock and
 * draw a ticket from STEP_ORDER, so the tickets give the exact order in which steps touched
 * shared memory: what a capture turns into a schedule.
 */
export const STEP_LOCK = 3;
export const STEP_ORDER = 4;
export const DATA = WORDS_PER_LINE;
const THREADS_BASE = DATA + MAX_WORDS; // payload line(s) end here; stays line-aligned
export const THREAD_STRIDE = WORDS_PER_LINE;

/** Offsets inside a thread's Int32 block. */
export const T = {
  /** Bumped by the controller on every control change; the thread `Atomics.wait`s on it. */
  epoch: 0,
  /** One of `Mode`. Written by the controller. */
  mode: 1,
  /** Steps the thread may take while paused. Controller adds, thread takes one per step. */
  permits: 2,
  /** Pause between steps while running, in microseconds; 0 = full speed. */
  delayUs: 3,
  /** Status written by the thread: the program line it will execute next (-1 = none). */
  line: 4,
  /** Status: for a line that loops over the payload, the word index it is at. */
  word: 5,
  /** Status: one of `ThreadState`. */
  state: 6,
  /** Status: number of observable steps taken (wraps at 2^31; used to see a step land). */
  steps: 7,
  /** Writer: while slowed, rest() lasts this many extra step delays (writes are rare). */
  restSteps: 8,
} as const;

export const Mode = { run: 0, pause: 1, stop: 2 } as const;
export type Mode = (typeof Mode)[keyof typeof Mode];

/** What a thread is doing, in words a class understands. Published by the thread itself. */
export const ThreadState = {
  starting: 0,
  idle: 1,
  waitingForLock: 2,
  inCriticalSection: 3,
  reading: 4,
  spinningOnOdd: 5,
  retrying: 6,
  accepted: 7,
  fullSpeed: 8,
  stopped: 9,
  /** read_seqbegin_or_lock's second pass: a reader that took the writers' lock. */
  holdingLock: 10,
} as const;
export type ThreadState = (typeof ThreadState)[keyof typeof ThreadState];

/** The thread's activity after its last step. Whether it is paused is `T.mode`, shown beside. */
export const THREAD_STATE_LABEL: Record<ThreadState, string> = {
  [ThreadState.starting]: "starting",
  [ThreadState.idle]: "between operations",
  [ThreadState.waitingForLock]: "waiting for the writer lock",
  [ThreadState.inCriticalSection]: "inside the critical section",
  [ThreadState.reading]: "copying the data",
  [ThreadState.spinningOnOdd]: "spinning: sequence is odd",
  [ThreadState.retrying]: "retrying: sequence changed",
  [ThreadState.accepted]: "accepted a snapshot",
  [ThreadState.fullSpeed]: "running at full speed",
  [ThreadState.stopped]: "stopped",
  [ThreadState.holdingLock]: "holding the lock (locking pass)",
};

/** Offsets inside a thread's BigInt64 counter block. Each is written only by its thread. */
export const C = {
  /** Writer: writes completed. Reader: snapshots accepted. */
  ops: 0,
  /** Reader: read_seqretry() said the sequence changed, snapshot discarded. */
  retries: 1,
  /** Reader: loads that saw an odd sequence. Writer: failed attempts to take the lock. */
  spins: 2,
  /** Reader: accepted snapshots whose words disagree (must stay 0 for a correct seqlock). */
  torn: 3,
  /** Reader: accepted values lower than the previous accepted value (must stay 0). */
  backwards: 4,
  /** Writer: last value written. Reader: first word of the last accepted snapshot. */
  lastValue: 5,
  /** Writer (stepped or slowed): total time spent waiting for the lock, in microseconds. */
  waitUs: 6,
  /** Reader of the pointer scenario: loads through an index whose entry was already freed. */
  dangling: 7,
} as const;
const COUNTERS_PER_THREAD = 8;

const INT32_WORDS = THREADS_BASE + MAX_THREADS * THREAD_STRIDE;
const COUNTERS_BYTE_OFFSET = INT32_WORDS * 4; // a multiple of 64, so 8-byte aligned
const BYTE_LENGTH = COUNTERS_BYTE_OFFSET + MAX_THREADS * COUNTERS_PER_THREAD * 8;

export type Role = "writer" | "reader";

/** Views over one lab buffer. Cheap to create; every thread makes its own. */
export interface LabMemory {
  readonly buffer: SharedArrayBuffer;
  readonly i32: Int32Array;
  readonly counters: BigInt64Array;
  readonly words: number;
}

export function labByteLength(): number {
  return BYTE_LENGTH;
}

export function createLabBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(BYTE_LENGTH);
}

export function attachLab(buffer: SharedArrayBuffer, words: number): LabMemory {
  if (buffer.byteLength !== BYTE_LENGTH) {
    throw new Error(`lab buffer has ${buffer.byteLength} bytes, layout expects ${BYTE_LENGTH}`);
  }
  if (!Number.isInteger(words) || words < MIN_WORDS || words > MAX_WORDS) {
    throw new Error(`payload must be ${MIN_WORDS}..${MAX_WORDS} words, got ${words}`);
  }
  return {
    buffer,
    i32: new Int32Array(buffer, 0, INT32_WORDS),
    counters: new BigInt64Array(buffer, COUNTERS_BYTE_OFFSET, MAX_THREADS * COUNTERS_PER_THREAD),
    words,
  };
}

/** Index of a thread's Int32 word `field` (one of `T`). */
export function threadWord(slot: number, field: number): number {
  return THREADS_BASE + slot * THREAD_STRIDE + field;
}

/** Index of a thread's counter `field` (one of `C`). */
export function counterIndex(slot: number, field: number): number {
  return slot * COUNTERS_PER_THREAD + field;
}

export function writerSlot(writerIndex: number): number {
  return writerIndex;
}

export function readerSlot(readerIndex: number): number {
  return MAX_WRITERS + readerIndex;
}

export function roleOfSlot(slot: number): Role {
  return slot < MAX_WRITERS ? "writer" : "reader";
}

/** Display name of a slot: W1..W4, R1..R8 (the names used in logs, keys and schedules). */
export function slotName(slot: number): string {
  return slot < MAX_WRITERS ? `W${slot + 1}` : `R${slot - MAX_WRITERS + 1}`;
}

/** Reads one counter as a Number (exact up to 2^53, far beyond any session's count). */
export function readCounter(mem: LabMemory, slot: number, field: number): number {
  return Number(Atomics.load(mem.counters, counterIndex(slot, field)));
}
