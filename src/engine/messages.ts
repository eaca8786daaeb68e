/**
 * Every message between the page and a thread, as typed unions. Control does not travel here:
 * a worker busy in its loop cannot read postMessage, so pause/step/speed are words in the
 * shared buffer (see `control.ts`). Messages carry only what a thread did.
 */
import type { LockKind } from "./catalog";
import type { ExploreResult } from "./explore";
import type { Role } from "./layout";
import type { ReaderVariantId, StepEvent, VariantId } from "./programs";

/** Page → thread: the only message a thread receives, once, before it starts its loop. */
export interface StartMessage {
  type: "start";
  buffer: SharedArrayBuffer;
  slot: number;
  role: Role;
  lock: LockKind;
  variant: VariantId;
  words: number;
  /** Test hook used by reliability tests: throw after this many steps (never set by the UI). */
  failAfterSteps?: number;
}

export type PageToThread = StartMessage;

/** Thread → page. */
export type ThreadToPage =
  | { type: "ready"; slot: number }
  /** Observable steps, in order, batched at most once a frame. `dropped` counts older ones cut. */
  | { type: "steps"; slot: number; events: StepEvent[]; dropped: number }
  /** Full speed: at most once a frame. Counters themselves are read from the buffer. */
  | {
      type: "summary";
      slot: number;
      t: number;
      lastAccepted?: number[];
      lastDiscarded?: number[];
      /** Readers: the last torn copy accepted, once one has been (broken variants). */
      lastTorn?: number[];
      /** Writers: histogram of sampled write latencies since the thread started (latency.ts). */
      latency?: number[];
    }
  | { type: "stopped"; slot: number }
  | { type: "error"; slot: number; message: string; stack?: string };

/** Page → explorer worker: explore these reader variants, one result message each. */
export interface ExploreRequest {
  type: "explore";
  words: number;
  readers: 1 | 2;
  readerBudget: number;
  variants: ReaderVariantId[];
}

/** Explorer worker → page. */
export type ExploreReply =
  | { type: "explored"; result: ExploreResult }
  | { type: "explore-done" }
  | { type: "explore-error"; message: string };
