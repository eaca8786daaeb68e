/**
 * Which program a thread runs: the lock a session uses (the seqlock, a kernel relative of it,
 * or a mutex or reader-writer lock it is compared with, all on the same buffer) and, for the
 * seqlock, the variant of each role.
 */
import { COMPARISON_LINES, LockedReaderProgram, LockedWriterProgram } from "./comparison";
import {
  LATCH_READER_LINES,
  LATCH_WRITER_LINES,
  LatchReaderProgram,
  LatchWriterProgram,
  OR_LOCK_READER_LINES,
  OrLockReaderProgram,
  POINTER_READER_LINES,
  POINTER_WRITER_LINES,
  PointerReaderProgram,
  PointerWriterProgram,
} from "./kernel";
import { type LabMemory, MIN_WORDS, type Role } from "./layout";
import {
  isReaderVariant,
  isWriterVariant,
  type Program,
  type ProgramLine,
  READER_LINES,
  ReaderLine,
  ReaderProgram,
  type VariantId,
  WRITER_LINES,
  WriterLine,
  WriterProgram,
} from "./programs";

export type LockKind = "seqlock" | "mutex" | "rwlock" | "pointer" | "or-lock" | "latch";
export const LOCK_KINDS: readonly LockKind[] = [
  "seqlock",
  "mutex",
  "rwlock",
  "or-lock",
  "latch",
  "pointer",
];

export const LOCK_LABEL: Record<LockKind, string> = {
  seqlock: "seqlock",
  mutex: "mutex (spinlock)",
  rwlock: "reader-writer lock (reader-preferring)",
  "or-lock": "seqlock, read_seqbegin_or_lock readers",
  latch: "seqcount_latch (two copies)",
  pointer: "seqlock over an index into a table",
};

export function isLockKind(id: string): id is LockKind {
  return (LOCK_KINDS as readonly string[]).includes(id);
}

/** Whether the reader and writer variants (the seqlock's broken and faster forms) apply. */
export function hasVariants(lock: LockKind): boolean {
  return lock === "seqlock";
}

/** Fewest payload words a lock's layout needs: a table of two entries, two copies of two. */
export function minWords(lock: LockKind): number {
  if (lock === "pointer") return 3;
  if (lock === "latch") return 4;
  return MIN_WORDS;
}

export function createProgram(
  mem: LabMemory,
  slot: number,
  role: Role,
  lock: LockKind,
  variant: VariantId,
): Program {
  switch (lock) {
    case "mutex":
    case "rwlock":
      return role === "writer"
        ? new LockedWriterProgram(mem, slot, lock)
        : new LockedReaderProgram(mem, slot, lock);
    case "pointer":
      return role === "writer"
        ? new PointerWriterProgram(mem, slot)
        : new PointerReaderProgram(mem, slot);
    case "latch":
      return role === "writer"
        ? new LatchWriterProgram(mem, slot)
        : new LatchReaderProgram(mem, slot);
    case "or-lock":
      return role === "writer" ? new WriterProgram(mem, slot) : new OrLockReaderProgram(mem, slot);
    case "seqlock":
      if (role === "writer") {
        if (!isWriterVariant(variant)) throw new Error(`unknown writer variant ${variant}`);
        return new WriterProgram(mem, slot, variant);
      }
      if (!isReaderVariant(variant)) throw new Error(`unknown reader variant ${variant}`);
      return new ReaderProgram(mem, slot, variant);
  }
}

export function programLines(role: Role, lock: LockKind): readonly ProgramLine[] {
  switch (lock) {
    case "mutex":
    case "rwlock":
      return COMPARISON_LINES[lock][role];
    case "pointer":
      return role === "writer" ? POINTER_WRITER_LINES : POINTER_READER_LINES;
    case "latch":
      return role === "writer" ? LATCH_WRITER_LINES : LATCH_READER_LINES;
    case "or-lock":
      return role === "writer" ? WRITER_LINES : OR_LOCK_READER_LINES;
    case "seqlock":
      return role === "writer" ? WRITER_LINES : READER_LINES;
  }
}

/** Lines a variant removes from its program: shown struck through, skipped when running. */
export function removedLines(role: Role, lock: LockKind, variant: VariantId): readonly number[] {
  if (lock !== "seqlock") return [];
  if (role === "writer" && variant === "no-lock") return [WriterLine.lock, WriterLine.unlock];
  if (role === "reader" && variant === "no-recheck") return [ReaderLine.retry];
  return [];
}

/** The name of payload word k in a lock's own terms (the memory panel's labels). */
export function wordLabel(lock: LockKind, k: number, words: number): string {
  if (lock === "pointer") return k === 0 ? "sl.ptr" : `table[${k - 1}]`;
  if (lock === "latch") {
    const half = words >> 1;
    return k < half ? `data[0][${k}]` : k < 2 * half ? `data[1][${k - half}]` : "unused";
  }
  return `data[${k}]`;
}

/** Words in a reader's copy: the pointer reader keeps [index, value], a latch reader one copy. */
export function copyWidth(lock: LockKind, words: number): number {
  if (lock === "pointer") return 2;
  if (lock === "latch") return words >> 1;
  return words;
}
