/**
 * A bounded log of what the threads did, in the seed's dmesg style. It is appended to from
 * worker messages at any rate and read by the UI at most once a frame, so it is a plain ring
 * with a version number, not React state.
 */

import type { LockKind } from "../engine/catalog";
import { FREED } from "../engine/kernel";
import { slotName } from "../engine/layout";
import type { StepEvent } from "../engine/programs";

export interface LogEntry {
  /** Wall-clock ms (epoch) as stamped by the thread. */
  t: number;
  /** A step's ticket in the global step order, when the entry is a step. */
  order?: number;
  /** Thread slot, or -1 for the lab itself. */
  slot: number;
  text: string;
}

/** How far back a late entry may be moved: more than a frame's worth of steps. */
const REORDER_WINDOW = 64;

function comesBefore(a: LogEntry, b: LogEntry): boolean {
  if (a.order !== undefined && b.order !== undefined) return a.order < b.order;
  return a.t < b.t;
}

export class EventLog {
  private readonly ring: Array<LogEntry | undefined>;
  private head = 0;
  private size = 0;
  version = 0;

  constructor(
    readonly capacity: number,
    readonly origin: number,
  ) {
    this.ring = new Array(capacity);
  }

  /**
   * Appends an entry in the threads' order. Entries come from several workers' messages, which
   * arrive in no particular order across workers; an entry that belongs before recent ones (by
   * step ticket, else by time) is moved back into place, at most REORDER_WINDOW entries.
   */
  add(entry: LogEntry): void {
    const { ring, capacity } = this;
    let at = this.head;
    ring[at] = entry;
    this.head = (at + 1) % capacity;
    if (this.size < capacity) this.size++;
    for (let moved = 1; moved < Math.min(this.size, REORDER_WINDOW); moved++) {
      const before = (at - 1 + capacity) % capacity;
      const previous = ring[before];
      if (!previous || !comesBefore(entry, previous)) break;
      ring[at] = previous;
      ring[before] = entry;
      at = before;
    }
    this.version++;
  }

  get length(): number {
    return this.size;
  }

  /** The i-th newest entry (0 = newest). */
  newest(i: number): LogEntry | undefined {
    if (i >= this.size) return undefined;
    return this.ring[(this.head - 1 - i + this.capacity) % this.capacity];
  }

  /** `[    1.234567] R1: read value 11` — seconds since the session started, as dmesg does. */
  format(entry: LogEntry): string {
    const seconds = Math.max(0, (entry.t - this.origin) / 1000);
    const who = entry.slot >= 0 ? `${slotName(entry.slot)}: ` : "";
    return `[${seconds.toFixed(6).padStart(12)}] ${who}${entry.text}`;
  }
}

/** The log line for a step, or null for steps that only the timeline needs. */
export function describeStep(
  event: StepEvent,
  previous: StepEvent | undefined,
  lock: LockKind = "seqlock",
): string | null {
  if (lock === "mutex" || lock === "rwlock") {
    switch (event.kind) {
      case "lock":
        return lock === "mutex" ? "spin_lock: took the lock" : "took the lock";
      case "lock-wait":
        return previous?.kind === "lock-wait" ? null : "lock busy, waiting";
      case "unlock":
        return `released the lock after writing value ${event.value}`;
      case "accept":
        return `read value ${event.value}${event.torn ? " TORN" : ""}`;
      default:
        return null;
    }
  }
  switch (event.kind) {
    case "lock":
      return "write_seqlock: took the writer lock";
    case "lock-wait":
      return previous?.kind === "lock-wait"
        ? null
        : "write_seqlock: lock held by another writer, spinning";
    case "seq-odd":
      return `seq -> ${event.seq} (odd): writing value ${event.value}`;
    case "seq-even":
      return `seq -> ${event.seq} (even): value ${event.value} published`;
    case "unlock":
      return "write_sequnlock: released the writer lock";
    case "spin":
      return previous?.kind === "spin" ? null : `read_seqbegin: seq ${event.seq} is odd, spinning`;
    case "retry":
      return `read_seqretry: seq changed to ${event.seq}, discarded [${event.copy?.join(", ") ?? ""}]`;
    case "accept":
      return event.torn
        ? `read value ${event.value} TORN [${event.copy?.join(", ") ?? ""}]`
        : `read value ${event.value}`;
    case "read-word":
      return lock === "pointer" && event.value === FREED && event.word > 0
        ? `loaded table[${event.word - 1}], which was freed: a use-after-free in the kernel`
        : null;
    default:
      return null;
  }
}
