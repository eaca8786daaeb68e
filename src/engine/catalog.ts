/**
 * Which program a thread runs: the lock a session compares (the seqlock, or a mutex or
 * reader-writer lock on the same buffer) and, for the seqlock, the variant of each role.
 */
import { COMPARISON_LINES, LockedReaderProgram, LockedWriterProgram } from "./comparison";
import type { LabMemory, Role } from "./layout";
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

export type LockKind = "seqlock" | "mutex" | "rwlock";
export const LOCK_KINDS: readonly LockKind[] = ["seqlock", "mutex", "rwlock"];

export const LOCK_LABEL: Record<LockKind, string> = {
  seqlock: "seqlock",
  mutex: "mutex (spinlock)",
  rwlock: "reader-writer lock (reader-preferring)",
};

export function isLockKind(id: string): id is LockKind {
  return (LOCK_KINDS as readonly string[]).includes(id);
}

export function createProgram(
  mem: LabMemory,
  slot: number,
  role: Role,
  lock: LockKind,
  variant: VariantId,
): Program {
  if (lock !== "seqlock") {
    return role === "writer"
      ? new LockedWriterProgram(mem, slot, lock)
      : new LockedReaderProgram(mem, slot, lock);
  }
  if (role === "writer") {
    if (!isWriterVariant(variant)) throw new Error(`unknown writer variant ${variant}`);
    return new WriterProgram(mem, slot, variant);
  }
  if (!isReaderVariant(variant)) throw new Error(`unknown reader variant ${variant}`);
  return new ReaderProgram(mem, slot, variant);
}

export function programLines(role: Role, lock: LockKind): readonly ProgramLine[] {
  if (lock !== "seqlock") return COMPARISON_LINES[lock][role];
  return role === "writer" ? WRITER_LINES : READER_LINES;
}

/** Lines a variant removes from its program: shown struck through, skipped when running. */
export function removedLines(role: Role, lock: LockKind, variant: VariantId): readonly number[] {
  if (lock !== "seqlock") return [];
  if (role === "writer" && variant === "no-lock") return [WriterLine.lock, WriterLine.unlock];
  if (role === "reader" && variant === "no-recheck") return [ReaderLine.retry];
  return [];
}
