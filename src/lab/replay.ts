/**
 * Replays a schedule (the order in which threads took their steps) on a session whose threads
 * are all paused: one permit at a time, each awaited until the thread's own status says the
 * step landed, so the interleaving is exactly the schedule. On a fresh buffer the result is
 * deterministic: every step's outcome depends only on the buffer and the thread's position.
 */
import { readStatus, waitForStep } from "../engine/control";
import type { LabMemory } from "../engine/layout";

export interface Steppable {
  readonly mem: LabMemory;
  step(slot: number): void;
  has(slot: number): boolean;
}

/** One step of one paused thread, resolved when the thread reports that it landed. */
export async function stepAndWait(session: Steppable, slot: number): Promise<void> {
  const before = readStatus(session.mem, slot).steps;
  session.step(slot);
  await waitForStep(session.mem, slot, before);
}

export async function replay(
  session: Steppable,
  schedule: readonly number[],
  onProgress?: (done: number) => void,
): Promise<void> {
  for (let i = 0; i < schedule.length; i++) {
    const slot = schedule[i];
    if (!session.has(slot)) throw new Error(`step ${i + 1} names a thread that is not running`);
    await stepAndWait(session, slot);
    onProgress?.(i + 1);
  }
}
