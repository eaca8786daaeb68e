/**
 * The explorer: every interleaving of one writer's write and one or two readers' reads, run on
 * the very step programs the threads run, on a private buffer.
 *
 * Contract: the writer performs exactly one write (its steps from spin_lock to spin_unlock);
 * each reader runs until it accepts a copy or has taken `readerBudget` steps (a spin and a
 * retry are steps too, so the bound is what keeps a spinning reader finite). Every order of
 * those steps is one interleaving; at its end each reader's outcome is classified. Steps are
 * executed for real (the programs load and store the buffer), one thread at a time, so this is
 * the sequentially consistent execution of each schedule: it finds every interleaving-level
 * failure (torn copies of the broken readers) and, by construction, no reordering-level one
 * (kernel-style plain loads look the same as Atomics here; the threads measure those).
 *
 * Backtracking rebuilds the state by replaying the prefix on a zeroed buffer: programs keep
 * private state, and replaying is the same determinism that schedules rely on.
 */
import { attachLab, createLabBuffer, DATA, type LabMemory, readerSlot, writerSlot } from "./layout";
import { ReaderProgram, type ReaderVariantId, type StepEvent, WriterProgram } from "./programs";

export type Outcome = "consistent" | "torn" | "retried" | "spinning" | "copying";
export const OUTCOMES: readonly Outcome[] = [
  "consistent",
  "torn",
  "retried",
  "spinning",
  "copying",
];

export const OUTCOME_LABEL: Record<Outcome, string> = {
  consistent: "accepted a consistent copy",
  torn: "accepted a torn copy",
  retried: "retried, not yet accepted",
  spinning: "still spinning on an odd sequence",
  copying: "still copying",
};

export interface ExploreOptions {
  words: number;
  readers: 1 | 2;
  readerVariant: ReaderVariantId;
  /** Steps each reader may take. */
  readerBudget: number;
  /** Examples kept per outcome (the schedules a class can load). */
  examplesPerOutcome?: number;
  /** Stop after this many interleavings (reported as truncated). */
  maxInterleavings?: number;
}

export interface Example {
  /** Thread slots in the order they step: a schedule. */
  schedule: number[];
  /** Outcome of each reader, R1 first. */
  outcomes: Outcome[];
}

export interface ExploreResult {
  options: ExploreOptions;
  interleavings: number;
  /** Reader outcomes over all interleavings (each interleaving counts once per reader). */
  counts: Record<Outcome, number>;
  /** Per outcome, the first interleavings in which some reader ended that way. */
  examples: Record<Outcome, Example[]>;
  truncated: boolean;
  ms: number;
}

interface Run {
  mem: LabMemory;
  writer: WriterProgram;
  readers: ReaderProgram[];
  /** Last event per thread index (0 = writer, 1.. = readers). */
  last: Array<StepEvent | undefined>;
  taken: number[];
}

const WRITER = 0;

function slotOf(thread: number): number {
  return thread === WRITER ? writerSlot(0) : readerSlot(thread - 1);
}

export function explore(options: ExploreOptions): ExploreResult {
  const started = performance.now();
  const { words, readers, readerVariant, readerBudget } = options;
  const keep = options.examplesPerOutcome ?? 20;
  const max = options.maxInterleavings ?? 500_000;
  const mem = attachLab(createLabBuffer(), words);
  const threads = 1 + readers;

  // The programs touch only SEQ, LOCK and the payload (counters stay in their fields), so a
  // fresh start zeroes just those words.
  const fresh = (): Run => {
    mem.i32.fill(0, 0, DATA + words);
    return {
      mem,
      writer: new WriterProgram(mem, writerSlot(0), "seqlock"),
      readers: Array.from(
        { length: readers },
        (_, r) => new ReaderProgram(mem, readerSlot(r), readerVariant),
      ),
      last: new Array(threads).fill(undefined),
      taken: new Array(threads).fill(0),
    };
  };

  const step = (run: Run, thread: number): void => {
    const program = thread === WRITER ? run.writer : run.readers[thread - 1];
    run.last[thread] = program.step(0);
    run.taken[thread]++;
  };

  const done = (run: Run, thread: number): boolean => {
    const last = run.last[thread];
    if (thread === WRITER) return last?.kind === "unlock";
    return last?.kind === "accept" || run.taken[thread] >= readerBudget;
  };

  const outcomeOf = (run: Run, r: number): Outcome => {
    const last = run.last[r + 1];
    if (last?.kind === "accept") return last.torn ? "torn" : "consistent";
    const counts = run.readers[r].counts;
    if (counts.retries > 0) return "retried";
    if (counts.spins > 0) return "spinning";
    return "copying";
  };

  const counts: Record<Outcome, number> = {
    consistent: 0,
    torn: 0,
    retried: 0,
    spinning: 0,
    copying: 0,
  };
  const examples: Record<Outcome, Example[]> = {
    consistent: [],
    torn: [],
    retried: [],
    spinning: [],
    copying: [],
  };
  let interleavings = 0;
  let truncated = false;

  // Depth-first over schedules: `path[d]` is the thread stepped at depth d, `finished[d]` which
  // threads were done before it, so backtracking rebuilds only once it found the next branch.
  const path: number[] = [];
  const finished: boolean[][] = [];
  let run = fresh();
  const doneFlags = (): boolean[] => Array.from({ length: threads }, (_, t) => done(run, t));
  const firstRunnable = (flags: readonly boolean[], from: number): number => {
    for (let t = from; t < threads; t++) if (!flags[t]) return t;
    return -1;
  };

  let flags = doneFlags();
  let candidate = firstRunnable(flags, 0);
  for (;;) {
    if (candidate >= 0) {
      finished.push(flags);
      path.push(candidate);
      step(run, candidate);
      flags = doneFlags();
      candidate = firstRunnable(flags, 0);
      continue;
    }
    // A leaf: every thread is done.
    interleavings++;
    const outcomes = run.readers.map((_, r) => outcomeOf(run, r));
    const schedule = path.map(slotOf);
    for (const outcome of new Set(outcomes)) {
      if (examples[outcome].length < keep) examples[outcome].push({ schedule, outcomes });
    }
    for (const outcome of outcomes) counts[outcome]++;
    if (interleavings >= max) {
      truncated = true;
      break;
    }
    // Back to the deepest choice with a later runnable sibling; replay the prefix up to it.
    while (path.length > 0) {
      const last = path.pop() as number;
      flags = finished.pop() as boolean[];
      candidate = firstRunnable(flags, last + 1);
      if (candidate >= 0) break;
    }
    if (candidate < 0) break;
    run = fresh();
    for (const thread of path) step(run, thread);
  }

  return {
    options,
    interleavings,
    counts,
    examples,
    truncated,
    ms: performance.now() - started,
  };
}
