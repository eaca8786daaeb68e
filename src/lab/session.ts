/**
 * One running lab on the page: a fresh shared buffer and the real Workers that share it.
 *
 * Contract: the page controls threads only through the buffer (control.ts) and learns what
 * they did only from their messages and the status words they publish. Nothing here blocks
 * the main thread. A session is disposable: `dispose()` terminates every worker it started,
 * and a new session always gets a new buffer, so a stale worker can never write into it.
 * High-rate data (latest events, summaries, the log) lives in plain fields the UI samples once
 * per frame; only human-rate facts (ready, failed, stopped) go to the listener.
 */
import { clearPermits, grantSteps, setDelayUs, setMode, setRestSteps } from "../engine/control";
import {
  attachLab,
  createLabBuffer,
  type LabMemory,
  MAX_THREADS,
  Mode,
  type Role,
  readerSlot,
  roleOfSlot,
  slotName,
  writerSlot,
} from "../engine/layout";
import type { StartMessage, ThreadToPage } from "../engine/messages";
import type { StepEvent, VariantId } from "../engine/programs";
import { type LabConfig, speedOfSlot, variantOfSlot } from "./config";
import { describeStep, EventLog } from "./eventLog";
import { SCENARIOS } from "./scenarios";
import { Mark, markOf, TimelineTrack } from "./timeline";

export interface SessionListener {
  threadReady(slot: number): void;
  threadFailed(slot: number, message: string): void;
}

export type WorkerFactory = (name: string) => Worker;

export const createThreadWorker: WorkerFactory = (name) =>
  new Worker(new URL("../workers/thread.worker.ts", import.meta.url), { type: "module", name });

/** A reader's copy as the UI shows it: from its steps when stepped, from summaries at speed. */
export interface ReaderView {
  /** Sequence seen by read_seqbegin for the copy in progress (-1 before the first). */
  beginSeq: number;
  /** Words copied so far in the current attempt. */
  copy: number[];
  /** Last accepted copy, and the last copy discarded by read_seqretry. */
  accepted: number[];
  discarded: number[];
  /** The last torn copy this reader accepted (broken variants), or empty. */
  torn: number[];
  /** The latest values read (first word of accepted copies), oldest first, bounded. */
  recent: number[];
  /** Bumped whenever any of the above changes, so samplers redraw only then. */
  version: number;
}

const RECENT_VALUES = 16;

function emptyReaderView(): ReaderView {
  return {
    beginSeq: -1,
    copy: [],
    accepted: [],
    discarded: [],
    torn: [],
    recent: [],
    version: 0,
  };
}

function remember(view: ReaderView, value: number): void {
  view.recent.push(value);
  if (view.recent.length > RECENT_VALUES) view.recent.shift();
}

const LOG_CAPACITY = 400;
/** Steps remembered for capture (slowed runs only; full speed has no per-step record). */
export const HISTORY_CAPACITY = 20_000;

/** One observable step as a thread reported it, for capture and for checking a replay. */
export interface RecordedStep {
  slot: number;
  t: number;
  /** The step's ticket in the global step order (exact, unlike `t` at 5 µs resolution). */
  order: number;
  kind: StepEvent["kind"];
  seq: number;
  value: number;
}

function sameStep(a: RecordedStep, b: RecordedStep): boolean {
  return a.slot === b.slot && a.kind === b.kind && a.seq === b.seq && a.value === b.value;
}

export function describeRecorded(step: RecordedStep): string {
  const seq = step.seq >= 0 ? ` seq ${step.seq}` : "";
  const value = step.value !== -1 ? ` value ${step.value}` : "";
  return `${slotName(step.slot)} ${step.kind}${seq}${value}`;
}

/**
 * Where a replay's steps first differ from the expected ones, per thread (each thread's own
 * sequence of steps is what the interleaving determines), or null when they agree so far.
 */
export function firstDivergence(
  expected: readonly RecordedStep[],
  actual: readonly RecordedStep[],
): string | null {
  for (let slot = 0; slot < MAX_THREADS; slot++) {
    const want = expected.filter((s) => s.slot === slot);
    const got = actual.filter((s) => s.slot === slot);
    for (let i = 0; i < Math.min(want.length, got.length); i++) {
      if (!sameStep(want[i], got[i])) {
        return `${slotName(slot)}'s step ${i + 1}: expected ${describeRecorded(want[i])}, the replay did ${describeRecorded(got[i])}`;
      }
    }
  }
  return null;
}
/** How long a removed thread gets to finish its critical section before it is terminated. */
const RETIRE_TIMEOUT_MS = 2000;

export class LabSession {
  readonly mem: LabMemory;
  readonly origin = performance.timeOrigin + performance.now();
  readonly log = new EventLog(LOG_CAPACITY, this.origin);
  /** Latest observable step per slot. */
  readonly latest: Array<StepEvent | undefined> = new Array(MAX_THREADS).fill(undefined);
  /** What each reader slot has copied, accepted and discarded. */
  readonly readers: ReaderView[] = Array.from({ length: MAX_THREADS }, emptyReaderView);
  /** Writers: histogram of sampled write latencies (latency.ts), from full-speed summaries. */
  readonly latency: Array<number[] | undefined> = new Array(MAX_THREADS).fill(undefined);
  /** What each slot did and when, for the timeline. */
  readonly tracks: TimelineTrack[] = Array.from({ length: MAX_THREADS }, () => new TimelineTrack());
  /** Every observable step in arrival order, bounded; `incomplete` once any was lost. */
  readonly history: RecordedStep[] = [];
  historyIncomplete = false;
  private readonly workers = new Map<number, Worker>();
  private readonly readySlots = new Set<number>();
  private disposed = false;
  /** The seed's dmesg lines (thread1/thread2, kthread2() - read value N, READY.). */
  private readonly seedLog: boolean;

  constructor(
    readonly config: LabConfig,
    private readonly listener: SessionListener,
    private readonly createWorker: WorkerFactory = createThreadWorker,
  ) {
    this.mem = attachLab(createLabBuffer(), config.words);
    this.seedLog = config.scenario !== null && SCENARIOS[config.scenario].seedLog === true;
  }

  start(): void {
    this.log.add({ t: this.origin, slot: -1, text: "initializing.." });
    for (let w = 0; w < this.config.writers; w++) this.spawn(writerSlot(w));
    for (let r = 0; r < this.config.readers; r++) this.spawn(readerSlot(r));
  }

  /** Resolves when every thread started so far has entered its loop. */
  ready(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.readySlots.size >= this.workers.size) resolve();
        else if (Date.now() > deadline) reject(new Error("threads did not start"));
        else setTimeout(check, 10);
      };
      check();
    });
  }

  liveSlots(): number[] {
    return [...this.workers.keys()].sort((a, b) => a - b);
  }

  has(slot: number): boolean {
    return this.workers.has(slot);
  }

  /** Starts a thread in a free slot; its control words are set before it can read them. */
  spawn(slot: number, mode: Mode = this.config.paused ? Mode.pause : Mode.run): void {
    if (this.disposed || this.workers.has(slot)) return;
    const role: Role = roleOfSlot(slot);
    const variant: VariantId = variantOfSlot(this.config, slot);
    setDelayUs(this.mem, slot, speedOfSlot(this.config, slot) * 1000);
    setRestSteps(
      this.mem,
      slot,
      role === "writer" ? this.config.restSteps : this.config.readerRestSteps,
    );
    clearPermits(this.mem, slot);
    setMode(this.mem, slot, mode);
    let worker: Worker;
    try {
      worker = this.createWorker(slotName(slot));
    } catch (error) {
      this.listener.threadFailed(slot, `could not start: ${String(error)}`);
      return;
    }
    this.workers.set(slot, worker);
    worker.onmessage = (event: MessageEvent<ThreadToPage>) => this.receive(event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      const where = event.filename ? ` (${event.filename}:${event.lineno})` : "";
      this.fail(slot, `${event.message || "the worker failed to load or crashed"}${where}`);
    };
    worker.onmessageerror = () => this.fail(slot, "a message from the worker could not be read");
    const start: StartMessage = {
      type: "start",
      buffer: this.mem.buffer,
      slot,
      role,
      lock: this.config.lock,
      variant,
      words: this.config.words,
    };
    if (this.config.fail?.slot === slot) start.failAfterSteps = this.config.fail.afterSteps;
    worker.postMessage(start);
    this.log.add({
      t: performance.timeOrigin + performance.now(),
      slot: -1,
      text: this.seedLog
        ? `thread${slot === 0 ? 1 : 2} created`
        : `thread ${slotName(slot)} created (${role}, ${this.config.lock === "seqlock" ? variant : this.config.lock})`,
    });
  }

  /** Stops every thread as rmmod stops the seed's kthreads; the log says READY. after all. */
  stopAll(): void {
    const slots = this.liveSlots();
    let remaining = slots.length;
    for (const slot of slots) {
      this.retire(slot, () => {
        remaining--;
        if (remaining === 0) {
          this.log.add({
            t: performance.timeOrigin + performance.now(),
            slot: -1,
            text: this.seedLog ? "READY." : "all threads stopped",
          });
        }
      });
    }
  }

  /** Stops a thread: a writer inside its critical section finishes it first. */
  retire(slot: number, onStopped?: () => void): void {
    const worker = this.workers.get(slot);
    if (!worker) return;
    this.workers.delete(slot);
    setMode(this.mem, slot, Mode.stop);
    const timer = setTimeout(() => worker.terminate(), RETIRE_TIMEOUT_MS);
    worker.onmessage = (event: MessageEvent<ThreadToPage>) => {
      this.receive(event.data);
      if (event.data.type === "stopped") {
        clearTimeout(timer);
        worker.terminate();
        onStopped?.();
      }
    };
    this.latest[slot] = undefined;
    this.readers[slot] = emptyReaderView();
    this.tracks[slot].push(performance.timeOrigin + performance.now(), Mark.idle);
  }

  setMode(slot: number, mode: Mode): void {
    if (mode === Mode.run) clearPermits(this.mem, slot);
    setMode(this.mem, slot, mode);
  }

  step(slot: number): void {
    grantSteps(this.mem, slot, 1);
  }

  setSpeed(slot: number, ms: number): void {
    setDelayUs(this.mem, slot, ms * 1000);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const [slot, worker] of this.workers) {
      setMode(this.mem, slot, Mode.stop);
      worker.terminate();
    }
    this.workers.clear();
  }

  private fail(slot: number, message: string): void {
    if (this.disposed) return;
    const worker = this.workers.get(slot);
    worker?.terminate();
    this.workers.delete(slot);
    this.log.add({
      t: performance.timeOrigin + performance.now(),
      slot,
      text: `FAILED: ${message}`,
    });
    this.listener.threadFailed(slot, message);
  }

  private receive(message: ThreadToPage): void {
    if (this.disposed) return;
    switch (message.type) {
      case "ready":
        this.readySlots.add(message.slot);
        this.listener.threadReady(message.slot);
        return;
      case "steps": {
        const { slot } = message;
        const view = this.readers[slot];
        if (message.dropped > 0) this.historyIncomplete = true;
        for (const event of message.events) {
          if (this.history.length < HISTORY_CAPACITY) {
            this.history.push({
              slot,
              t: event.t,
              order: event.order,
              kind: event.kind,
              seq: event.seq,
              value: event.value,
            });
          } else this.historyIncomplete = true;
          if (this.seedLog) {
            if (event.kind === "accept") {
              this.log.add({
                t: event.t,
                slot: -1,
                text: `kthread2() - read value ${event.value}`,
              });
            }
          } else {
            const text = describeStep(event, this.latest[slot], this.config.lock);
            if (text !== null) this.log.add({ t: event.t, order: event.order, slot, text });
          }
          this.latest[slot] = event;
          this.tracks[slot].push(event.t, markOf(event));
          if (event.kind === "begin") {
            view.beginSeq = event.seq;
            view.copy = [];
          } else if (event.kind === "read-word" && event.copy) view.copy = event.copy;
          else if (event.kind === "retry" && event.copy) view.discarded = event.copy;
          else if (event.kind === "accept" && event.copy) {
            view.accepted = event.copy;
            if (event.torn) view.torn = event.copy;
            remember(view, event.value);
          }
          view.version++;
        }
        return;
      }
      case "summary": {
        const view = this.readers[message.slot];
        this.historyIncomplete = true;
        this.tracks[message.slot].push(message.t, Mark.fullSpeed);
        if (message.latency) this.latency[message.slot] = message.latency;
        if (message.lastAccepted) {
          const value = message.lastAccepted[0];
          if (view.recent.at(-1) !== value) remember(view, value);
          view.accepted = message.lastAccepted;
        }
        if (message.lastDiscarded) view.discarded = message.lastDiscarded;
        if (message.lastTorn) view.torn = message.lastTorn;
        view.version++;
        return;
      }
      case "stopped":
        this.log.add({
          t: performance.timeOrigin + performance.now(),
          slot: message.slot,
          text: "stopped",
        });
        return;
      case "error":
        this.fail(message.slot, message.message);
        return;
    }
  }
}
