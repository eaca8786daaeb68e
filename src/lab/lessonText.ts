/**
 * What each lesson says: its story, what to watch, and its predict-then-reveal questions. Kept
 * apart from the set-ups in scenarios.ts so that the words load with the lesson panel, not with
 * the page (the initial-JS budget).
 */
import type { ScenarioId } from "./scenarios";

export interface Question {
  ask: string;
  choices: readonly string[];
  /** Index of the right choice. */
  answer: number;
  why: string;
}

export interface LessonText {
  story: readonly string[];
  /** What to look at on the page while it runs. */
  watch: string;
  questions: readonly Question[];
}

export const LESSON_TEXT: Record<ScenarioId, LessonText> = {
  seed: {
    story: [
      "The kernel module this lab grew from starts two kthreads: thread1 increments a shared value under write_seqlock(), thread2 reads it with read_seqbegin()/read_seqretry() once a second and printk()s it.",
      "Here the same two threads run as real Web Workers on a SharedArrayBuffer, and the log below prints what the module printed to dmesg. Stop them as rmmod would: the log ends with READY.",
    ],
    watch:
      "The log's “kthread2() - read value N” lines: N never goes down, but it may repeat or skip.",
    questions: [
      {
        ask: "The writer and the reader run at their own pace. Can the reader print the same value twice, or skip one?",
        choices: [
          "No: every value is printed exactly once",
          "Yes: a reader sees whatever value is current; it never waits for a new one",
        ],
        answer: 1,
        why: "A seqlock is not a queue: readers see the latest complete value. Two reads between writes repeat it; two writes between reads skip one.",
      },
      {
        ask: "Can a later line ever show a smaller value than an earlier one?",
        choices: ["Yes, if the reader is unlucky", "No"],
        answer: 1,
        why: "Each accepted read is a value some complete write published, and writes only increase it: read_seqretry() throws away anything half-written.",
      },
    ],
  },
  odd: {
    story: [
      "The writer has taken the lock and incremented the sequence: it is now odd, and the writer is paused inside its critical section before touching the data.",
      "The readers keep running.",
    ],
    watch: "The sequence counter, and the readers' state and “odd spins” counters.",
    questions: [
      {
        ask: "The sequence is odd. What do the readers do now?",
        choices: [
          "Copy the data: nothing has been written yet",
          "Spin in read_seqbegin() until the sequence is even",
          "Queue on the writer's lock",
        ],
        answer: 1,
        why: "An odd sequence means a write is in progress, so read_seqbegin() waits for it to end. Readers never touch the lock.",
      },
      {
        ask: "Step or resume W1 until the sequence is even again. Will any reader accept a half-written copy?",
        choices: ["Yes, the ones that were spinning", "No"],
        answer: 1,
        why: "They begin only once the sequence is even, and read_seqretry() re-checks it after the copy.",
      },
    ],
  },
  retry: {
    story: [
      "R1 begins a read with the sequence even (0) and copies two of the four words. Then W1 runs a whole write: lock, seq to 1, four words of value 1, seq to 2, unlock. R1 copies the last two words.",
    ],
    watch: "R1's “copy so far”, then what read_seqretry() does with it.",
    questions: [
      {
        ask: "R1 began at seq 0 and holds [0, 0, 1, 1]. What does read_seqretry() do?",
        choices: [
          "Accepts [0, 0, 1, 1]",
          "Retries: the sequence is now 2, not 0",
          "Spins until the sequence is even",
        ],
        answer: 1,
        why: "The sequence moved from 0 to 2, so a write happened during the copy: the copy is discarded and the read starts over, this time cleanly: [1, 1, 1, 1].",
      },
    ],
  },
  turns: {
    story: [
      "Three writers want to write at the same time. write_seqlock() starts with spin_lock(): the writers exclude each other with an ordinary spinlock, and the sequence only protects readers.",
    ],
    watch: "The lock word (held by one writer at a time) and the writers' “lock spins”.",
    questions: [
      {
        ask: "How many writers can be between the two seq++ at once?",
        choices: ["One", "As many as want to", "One per payload word"],
        answer: 0,
        why: "The writers' spinlock admits one. Two writers inside would make the sequence even in the middle of a write (try “writers without the lock” in lesson 6b).",
      },
      {
        ask: "While W1 writes, do the other writers wait for the readers too?",
        choices: ["Yes", "No, only for the writer holding the lock"],
        answer: 1,
        why: "Readers take no lock at all: the writer never waits for readers.",
      },
    ],
  },
  compare: {
    story: [
      "The same threads, one writer and three readers, run on three locks at once: the seqlock, a reader-preferring reader-writer lock, and a mutex. Every lab is real: its own buffer, its own workers.",
      "Under the reader-writer lock, readers enter whenever no writer is inside; with three of them overlapping there is almost never a moment with zero readers, so the writer starves.",
    ],
    watch: "Each writer's share of time spent waiting for its lock, and its writes per second.",
    questions: [
      {
        ask: "Which writer waits for its lock the most?",
        choices: ["Seqlock", "Reader-writer lock", "Mutex"],
        answer: 1,
        why: "A reader-preferring rwlock lets readers in while others read, so the writer waits for a gap that hardly ever comes. The mutex admits one thread at a time, so the writer gets its turn. The seqlock writer never waits for readers at all.",
      },
    ],
  },
  "broken-readers": {
    story: [
      "Four readers run at full speed against one writer. R1 is the real seqlock reader. R2 has its read_seqretry() removed; R3 ignores an odd sequence. R4 is the real algorithm with kernel-style plain (non-Atomics) data loads.",
      "R4 is correct in practice on x86, which keeps loads in order, but the JavaScript memory model does not promise it; its count is whatever this machine really produced.",
    ],
    watch: "“torn accepted” per reader, and the torn snapshot each broken reader kept.",
    questions: [
      {
        ask: "Which readers will accept a torn copy (words that disagree)?",
        choices: ["None", "R2 and R3", "All but R1", "All four"],
        answer: 1,
        why: "R2 never re-checks and R3 copies while the writer is inside; both accept torn data within a second. R1 never does. R4 reports its real count, which on x86 stays 0.",
      },
    ],
  },
  "broken-writers": {
    story: [
      "Two writers run without spin_lock(). Each increments the sequence twice, but when their writes overlap the two increments of one writer make the sequence even while the other is still writing.",
    ],
    watch: "R1's “torn accepted”, and lost writes: writes counted vs the value in memory.",
    questions: [
      {
        ask: "R1 is a correct seqlock reader. Can it accept torn data here?",
        choices: ["No, its re-check protects it", "Yes"],
        answer: 1,
        why: "The reader trusts that an even sequence means no writer is inside. Two unlocked writers break that promise, so even a correct reader accepts torn copies, and writes are lost.",
      },
    ],
  },
  pointers: {
    story: [
      "The seqlock now protects an index (sl.ptr) into a table. To write, the writer fills a fresh entry, publishes its index, and frees the old entry.",
      "R1 loads the index, then W1 runs most of a write: the entry R1 is about to read is freed.",
    ],
    watch: "R1's next load, its “loads of freed entries” counter, and whether it accepts.",
    questions: [
      {
        ask: "R1 holds p = 0, but table[0] was just freed. What does v = table[p] load?",
        choices: [
          "The new value: the seqlock makes it wait",
          "The freed entry",
          "Nothing: the load is skipped",
        ],
        answer: 1,
        why: "Readers never wait: R1 follows its stale index into freed memory. Here the load is harmless and read_seqretry() discards the value. In the kernel the load itself can fault or read reused memory before any check runs: that is why seqlocks protect plain data, not pointers (RCU exists for those).",
      },
    ],
  },
  "or-lock": {
    story: [
      "Some kernel readers (d_path(), for one) cannot afford to retry forever. read_seqbegin_or_lock() tries once locklessly; if a write interferes, the second pass takes the writers' lock.",
      "The writer here writes often, so readers regularly fall back to the lock, and then the writer has to wait for a reader.",
    ],
    watch: "Readers “holding the lock”, and the writer's “lock spins” while they do.",
    questions: [
      {
        ask: "Does the writer ever wait for a reader in this variant?",
        choices: ["Never: it is a seqlock", "Yes, while a reader's locking pass holds the lock"],
        answer: 1,
        why: "The locking pass trades the seqlock's writer priority for a bounded reader: one lockless try, then exclusion.",
      },
    ],
  },
  latch: {
    story: [
      "A latch keeps two copies of the data. The writer makes the sequence odd and updates copy 0 while readers use copy 1, then makes it even and updates copy 1 while readers use copy 0.",
      "Readers never wait for an even sequence: the parity only says which copy is stable. The kernel uses this where a reader may interrupt the writer (NMIs, timekeeping).",
    ],
    watch: "The readers' “odd spins” (always 0) and the two copies in shared memory.",
    questions: [
      {
        ask: "While the sequence is odd, what does a latch reader do?",
        choices: ["Spins like a seqlock reader", "Reads copy 1", "Takes the lock"],
        answer: 1,
        why: "idx = seq & 1: odd sends it to copy 1, the copy the writer is not touching. It still retries if the sequence moved during its copy.",
      },
    ],
  },
};
