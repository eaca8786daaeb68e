/**
 * The loop every thread runs, in a browser Worker or a Node worker_thread alike.
 *
 * Contract: the thread owns one program and one slot. Before each observable step it asks
 * `awaitTurn()`; the answer comes only from its control words in the shared buffer:
 * - paused: it `Atomics.wait`s on its epoch word until a step permit or a mode change arrives,
 *   then takes exactly one step per permit;
 * - running with a delay: one step, then `Atomics.wait` for the delay (woken early by any
 *   control change, so pause and speed act at once); a writer's rest() waits `restSteps` delays
 *   more, so that while slowed, writes are rare enough for readers to get through, and a
 *   reader with `restSteps` set sleeps as long after each accepted read (the seed's msleep());
 * - running at full speed: whole operations in batches, counters flushed and control checked
 *   after each batch, a summary posted at most once a frame, never a message per operation.
 * - stopped: a writer inside its critical section first completes it, then the loop ends.
 * After each step the thread publishes its status words (line, word, state, step count) so the
 * page can sample them once per frame, and queues the step's event for the page.
 *
 * The module has no worker globals: the entry point passes a `ThreadHost`.
 */

import { createProgram } from "./catalog";
import { attachLab, Mode, STEP_LOCK, STEP_ORDER, T, ThreadState, threadWord } from "./layout";
import type { StartMessage, ThreadToPage } from "./messages";
import type { Program, StepEvent, StepKind } from "./programs";

export interface ThreadHost {
  post(message: ThreadToPage): void;
  /** Wall-clock milliseconds since the Unix epoch (performance.timeOrigin + now()). */
  now(): number;
}

/** Operations per full-speed batch: small enough that control is checked well within 1 ms. */
const FULL_SPEED_BATCH = 512;
/** Events and summaries reach the page at most this often while running (one frame). */
const FRAME_MS = 16;
const MAX_PENDING_EVENTS = 256;
const STEP_LOCK_TIMEOUT_MS = 500;

export function runThread(start: StartMessage, host: ThreadHost): void {
  const mem = attachLab(start.buffer, start.words);
  const { slot } = start;
  const i32 = mem.i32;
  const epochAt = threadWord(slot, T.epoch);
  const modeAt = threadWord(slot, T.mode);
  const permitsAt = threadWord(slot, T.permits);
  const delayAt = threadWord(slot, T.delayUs);
  const restAt = threadWord(slot, T.restSteps);
  const program: Program = createProgram(mem, slot, start.role, start.lock, start.variant);

  let pending: StepEvent[] = [];
  let dropped = 0;
  let lastPost = host.now();

  const stepsAt = threadWord(slot, T.steps);
  const publishStatus = (state: number, line: number, word: number): void => {
    Atomics.store(i32, threadWord(slot, T.line), line);
    Atomics.store(i32, threadWord(slot, T.word), word);
    Atomics.store(i32, threadWord(slot, T.state), state);
    Atomics.store(i32, stepsAt, program.steps | 0);
    // Wakes a controller waiting (Atomics.waitAsync) for this step to land, e.g. a replay.
    Atomics.notify(i32, stepsAt);
  };

  const postPending = (): void => {
    if (pending.length > 0 || dropped > 0) {
      host.post({ type: "steps", slot, events: pending, dropped });
      pending = [];
      dropped = 0;
    }
    lastPost = host.now();
  };

  /**
   * One step under the step lock, with its ticket: steps of different threads never overlap,
   * so the order of tickets is the order of their effects on shared memory. A step never
   * blocks, so the lock is held for microseconds; a holder that keeps it for half a second has
   * died (its worker was terminated mid-step) and the lock is taken over.
   */
  const orderedStep = (): StepEvent => {
    const deadline = host.now() + STEP_LOCK_TIMEOUT_MS;
    while (Atomics.compareExchange(i32, STEP_LOCK, 0, 1) !== 0) {
      if (host.now() > deadline) break;
      Atomics.wait(i32, STEP_LOCK, 1, 1);
    }
    try {
      const event = program.step(host.now());
      event.order = Atomics.add(i32, STEP_ORDER, 1);
      return event;
    } finally {
      Atomics.store(i32, STEP_LOCK, 0);
      Atomics.notify(i32, STEP_LOCK, 1);
    }
  };

  const step = (): StepKind => {
    if (start.failAfterSteps !== undefined && program.steps >= start.failAfterSteps) {
      throw new Error(
        `${start.role} in slot ${slot} was told to fail after ${program.steps} steps`,
      );
    }
    const event = orderedStep();
    program.flush();
    publishStatus(program.state, program.line, program.word);
    if (pending.length >= MAX_PENDING_EVENTS) {
      pending.shift();
      dropped++;
    }
    pending.push(event);
    return event.kind;
  };

  const postSummary = (): void => {
    const summary: ThreadToPage = { type: "summary", slot, t: host.now() };
    if (program.lastAccepted) summary.lastAccepted = Array.from(program.lastAccepted);
    if (program.lastDiscarded && program.counts.retries > 0)
      summary.lastDiscarded = Array.from(program.lastDiscarded);
    if (program.lastTorn) summary.lastTorn = Array.from(program.lastTorn);
    if (program.role === "writer") summary.latency = Array.from(program.latency.histogram);
    host.post(summary);
    lastPost = host.now();
  };

  /** Runs whole operations until a control change; returns to the step loop afterwards. */
  const runFullSpeed = (epoch: number): void => {
    publishStatus(ThreadState.fullSpeed, -1, -1);
    postPending();
    while (Atomics.load(i32, epochAt) === epoch) {
      program.runBatch(FULL_SPEED_BATCH);
      program.flush();
      if (host.now() - lastPost >= FRAME_MS) postSummary();
    }
    program.latency.flushPending();
    postSummary();
    publishStatus(ThreadState.idle, program.line, program.word);
  };

  publishStatus(ThreadState.idle, program.line, program.word);
  host.post({ type: "ready", slot });

  for (;;) {
    const epoch = Atomics.load(i32, epochAt);
    const mode = Atomics.load(i32, modeAt);
    if (mode === Mode.stop) break;
    if (mode === Mode.pause) {
      const permits = Atomics.load(i32, permitsAt);
      if (
        permits > 0 &&
        Atomics.compareExchange(i32, permitsAt, permits, permits - 1) === permits
      ) {
        step();
        postPending();
        continue;
      }
      postPending();
      // Blocks this worker (never the page) until the controller bumps the epoch.
      Atomics.wait(i32, epochAt, epoch);
      continue;
    }
    const delayUs = Atomics.load(i32, delayAt);
    if (delayUs === 0 && program.atLoopStart()) {
      runFullSpeed(epoch);
      continue;
    }
    const kind = step();
    if (delayUs >= FRAME_MS * 1000 || host.now() - lastPost >= FRAME_MS) postPending();
    if (delayUs > 0) {
      const rest = kind === "rest" || kind === "accept" ? Atomics.load(i32, restAt) : 0;
      Atomics.wait(i32, epochAt, epoch, (delayUs * (1 + rest)) / 1000);
    }
  }

  // A writer removed mid-write finishes its critical section first (none of these steps can
  // block), so it never leaves the lock held or the sequence odd for the threads that remain.
  while (program.insideCriticalSection()) step();
  program.flush();
  postPending();
  publishStatus(ThreadState.stopped, -1, -1);
  host.post({ type: "stopped", slot });
}
