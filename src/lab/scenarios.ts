/**
 * The lessons: each is a preset set-up of the same engine and, in lessonText.ts, a story, what
 * to watch, and questions a class answers before the answer is revealed. A lesson never fakes
 * a result: its script is a schedule of real steps played on the real threads, and everything
 * it asks the class to watch is counted by the threads themselves.
 *
 * Scripts are schedules in the text form of schedule.ts. `setup` plays when the lesson opens;
 * `reveal` plays when the class reveals the first question's answer (or presses Play), so the
 * prediction is made before the threads show it.
 */
import type { LabConfig } from "./config";

export type ScenarioId =
  | "seed"
  | "odd"
  | "retry"
  | "turns"
  | "compare"
  | "broken-readers"
  | "broken-writers"
  | "pointers"
  | "or-lock"
  | "latch";

export interface Scenario {
  id: ScenarioId;
  /** Menu title, numbered as in the lesson plan. */
  title: string;
  preset: Partial<LabConfig>;
  script?: {
    setup: string;
    reveal?: string;
    msPerStep: number;
    /** After the script: these threads run on (the rest stay paused). */
    thenRun?: readonly string[];
  };
  /** The seed's dmesg log, thread names and READY. on stop. */
  seedLog?: boolean;
  /** Three labs side by side (seqlock, rwlock, mutex) instead of one. */
  comparison?: boolean;
  /**
   * Predict, then reveal: the threads wait, paused, until the class reveals the first answer
   * (the teacher can still press Run all). Lessons with a script wait by their script instead.
   */
  waitsForAnswer?: boolean;
}

const list: readonly Scenario[] = [
  {
    id: "seed",
    title: "1. The seed's kernel-module demo",
    preset: {
      writers: 1,
      readers: 1,
      words: 2,
      speedMs: 20,
      restSteps: 40,
      readerRestSteps: 49,
    },
    seedLog: true,
  },
  {
    id: "odd",
    title: "2. Odd means writing",
    preset: { writers: 1, readers: 2, words: 4, speedMs: 300, paused: true },
    script: { setup: "W1 W1", msPerStep: 600, thenRun: ["R1", "R2"] },
  },
  {
    id: "retry",
    title: "3. Reader retry",
    preset: { writers: 1, readers: 1, words: 4, speedMs: 500, paused: true },
    script: {
      setup: "R1*3 W1*8 R1*2",
      reveal: "R1 R1*6",
      msPerStep: 500,
    },
  },
  {
    id: "turns",
    title: "4. Writers take turns",
    preset: { writers: 3, readers: 1, words: 4, speedMs: 200, restSteps: 1, paused: true },
    waitsForAnswer: true,
  },
  {
    id: "compare",
    title: "5. The writer never waits for readers (vs a reader-writer lock)",
    // Readers at slightly different paces drift in and out of phase, as real ones do; all
    // three are outside their critical sections at once for a tiny share of the time.
    preset: {
      writers: 1,
      readers: 3,
      words: 4,
      speedMs: 40,
      restSteps: 8,
      threadSpeedMs: { 4: 40, 5: 47, 6: 53 },
    },
    waitsForAnswer: true,
    comparison: true,
  },
  {
    id: "broken-readers",
    title: "6a. Break it on purpose: readers",
    preset: {
      writers: 1,
      readers: 4,
      words: 8,
      speedMs: 0,
      readerMix: ["seqlock", "no-recheck", "no-odd-check", "plain-loads"],
      paused: true,
    },
    waitsForAnswer: true,
  },
  {
    id: "broken-writers",
    title: "6b. Break it on purpose: writers without the lock",
    preset: {
      writers: 2,
      readers: 1,
      words: 8,
      speedMs: 0,
      writerVariant: "no-lock",
      paused: true,
    },
    waitsForAnswer: true,
  },
  {
    id: "pointers",
    title: "7. Why no pointers",
    preset: { lock: "pointer", writers: 1, readers: 1, words: 4, speedMs: 500, paused: true },
    script: { setup: "R1 R1 W1*5", reveal: "R1 W1 W1 R1 R1*4", msPerStep: 500 },
  },
  {
    id: "or-lock",
    title: "8a. Kernel variant: read_seqbegin_or_lock",
    preset: {
      lock: "or-lock",
      writers: 1,
      readers: 2,
      words: 4,
      speedMs: 150,
      restSteps: 0,
      paused: true,
    },
    waitsForAnswer: true,
  },
  {
    id: "latch",
    title: "8b. Kernel variant: seqcount_latch",
    preset: {
      lock: "latch",
      writers: 1,
      readers: 2,
      words: 8,
      speedMs: 200,
      restSteps: 2,
      paused: true,
    },
    waitsForAnswer: true,
  },
];

export const SCENARIO_LIST: readonly Scenario[] = list;

export const SCENARIOS = Object.fromEntries(list.map((s) => [s.id, s])) as Record<
  ScenarioId,
  Scenario
>;

export function isScenarioId(id: string): id is ScenarioId {
  return Object.hasOwn(SCENARIOS, id);
}

/** The comparison lesson runs three labs of its own instead of the page's one. */
export function isComparisonLesson(id: ScenarioId | null): boolean {
  return id !== null && SCENARIOS[id].comparison === true;
}
