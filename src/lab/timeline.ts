/**
 * Per-thread history for the timeline: what state each thread entered and when (the thread's
 * own timestamps, wall-clock ms). A fixed-size ring of typed arrays, so a long run at any
 * speed keeps memory flat.
 */
import type { StepEvent } from "../engine/programs";

export const Mark = {
  idle: 0,
  lockWait: 1,
  critical: 2,
  spin: 3,
  reading: 4,
  retry: 5,
  accept: 6,
  torn: 7,
  fullSpeed: 8,
} as const;
export type Mark = (typeof Mark)[keyof typeof Mark];

export const MARK_LABEL: Record<Mark, string> = {
  [Mark.idle]: "idle",
  [Mark.lockWait]: "waiting for the lock",
  [Mark.critical]: "critical section (lock held, sequence odd)",
  [Mark.spin]: "spinning on odd sequence",
  [Mark.reading]: "copying",
  [Mark.retry]: "retry",
  [Mark.accept]: "accepted",
  [Mark.torn]: "accepted torn",
  [Mark.fullSpeed]: "full speed",
};

export function markOf(event: StepEvent): Mark {
  switch (event.kind) {
    case "lock-wait":
      return Mark.lockWait;
    case "lock":
    case "seq-odd":
    case "write-word":
    case "seq-even":
      return Mark.critical;
    case "spin":
      return Mark.spin;
    case "begin":
    case "read-word":
    case "check":
      return Mark.reading;
    case "retry":
      return Mark.retry;
    case "accept":
      return event.torn ? Mark.torn : Mark.accept;
    default:
      return Mark.idle;
  }
}

const CAPACITY = 4096;
/** Marks drawn as ticks: each one is an event of its own, even when repeated. */
const INSTANT: ReadonlySet<Mark> = new Set([Mark.retry, Mark.accept, Mark.torn]);

export class TimelineTrack {
  private readonly times = new Float64Array(CAPACITY);
  private readonly marks = new Uint8Array(CAPACITY);
  private head = 0;
  private size = 0;

  push(t: number, mark: Mark): void {
    // A state that continues (full-speed summaries, repeated spins) adds nothing to draw.
    const previous = (this.head - 1 + CAPACITY) % CAPACITY;
    if (this.size > 0 && this.marks[previous] === mark && !INSTANT.has(mark)) return;
    this.times[this.head] = t;
    this.marks[this.head] = mark;
    this.head = (this.head + 1) % CAPACITY;
    if (this.size < CAPACITY) this.size++;
  }

  clear(): void {
    this.size = 0;
  }

  get length(): number {
    return this.size;
  }

  /** Visits entries oldest first, starting with the last one at or before `from`. */
  forEach(from: number, visit: (t: number, mark: Mark, nextT: number | undefined) => void): void {
    const start = (this.head - this.size + CAPACITY) % CAPACITY;
    let first = 0;
    for (let i = 0; i < this.size; i++) {
      if (this.times[(start + i) % CAPACITY] <= from) first = i;
      else break;
    }
    for (let i = first; i < this.size; i++) {
      const at = (start + i) % CAPACITY;
      const next = i + 1 < this.size ? this.times[(at + 1) % CAPACITY] : undefined;
      visit(this.times[at], this.marks[at] as Mark, next);
    }
  }
}
