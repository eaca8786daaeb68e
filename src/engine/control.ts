/**
 * The control protocol: how the page (or a test) drives a thread through shared memory.
 *
 * Controller side: write `mode` / `permits` / `delayUs`, then bump `epoch` and
 * `Atomics.notify` it. Thread side (`awaitTurn` in runner.ts): load `epoch` first, then read
 * the control words, and `Atomics.wait` on the epoch it loaded. Because the controller bumps
 * the epoch after writing the words, a thread that misses a change in the words cannot sleep
 * through it: its wait returns "not-equal" at once.
 *
 * No DOM, no worker globals: the main thread never blocks here (`notify` does not wait).
 */
import { type LabMemory, type Mode, T, threadWord } from "./layout";

function kick(mem: LabMemory, slot: number): void {
  const epoch = threadWord(slot, T.epoch);
  Atomics.add(mem.i32, epoch, 1);
  Atomics.notify(mem.i32, epoch);
}

export function setMode(mem: LabMemory, slot: number, mode: Mode): void {
  Atomics.store(mem.i32, threadWord(slot, T.mode), mode);
  kick(mem, slot);
}

export function getMode(mem: LabMemory, slot: number): Mode {
  return Atomics.load(mem.i32, threadWord(slot, T.mode)) as Mode;
}

/** Lets a paused thread take `count` more steps. */
export function grantSteps(mem: LabMemory, slot: number, count = 1): void {
  Atomics.add(mem.i32, threadWord(slot, T.permits), count);
  kick(mem, slot);
}

/** Withdraws permits not used yet (on pause-all or when switching to run). */
export function clearPermits(mem: LabMemory, slot: number): void {
  Atomics.store(mem.i32, threadWord(slot, T.permits), 0);
}

export function setDelayUs(mem: LabMemory, slot: number, delayUs: number): void {
  Atomics.store(mem.i32, threadWord(slot, T.delayUs), Math.max(0, Math.round(delayUs)));
  kick(mem, slot);
}

/** While slowed, a writer's rest() lasts `steps` extra step delays; no effect at full speed. */
export function setRestSteps(mem: LabMemory, slot: number, steps: number): void {
  Atomics.store(mem.i32, threadWord(slot, T.restSteps), Math.max(0, Math.round(steps)));
  kick(mem, slot);
}

/** Status the thread publishes after each step: what the UI samples once per frame. */
export interface ThreadStatus {
  line: number;
  word: number;
  state: number;
  steps: number;
  mode: Mode;
  permits: number;
}

export function readStatus(mem: LabMemory, slot: number): ThreadStatus {
  const i32 = mem.i32;
  return {
    line: Atomics.load(i32, threadWord(slot, T.line)),
    word: Atomics.load(i32, threadWord(slot, T.word)),
    state: Atomics.load(i32, threadWord(slot, T.state)),
    steps: Atomics.load(i32, threadWord(slot, T.steps)),
    mode: Atomics.load(i32, threadWord(slot, T.mode)) as Mode,
    permits: Atomics.load(i32, threadWord(slot, T.permits)),
  };
}

/**
 * Resolves once the thread in `slot` has published a step count other than `before` (its
 * step landed), or rejects after `timeoutMs`. Never blocks: `Atomics.waitAsync` where the
 * engine has it, else a short poll.
 */
export async function waitForStep(
  mem: LabMemory,
  slot: number,
  before: number,
  timeoutMs = 5000,
): Promise<void> {
  const at = threadWord(slot, T.steps);
  const deadline = Date.now() + timeoutMs;
  const waitAsync = (Atomics as typeof Atomics & { waitAsync?: WaitAsync }).waitAsync;
  while (Atomics.load(mem.i32, at) === before) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`thread in slot ${slot} did not take its step`);
    if (waitAsync) {
      const result = waitAsync(mem.i32, at, before, left);
      if (result.async) await result.value;
    } else {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
  timeout?: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };
