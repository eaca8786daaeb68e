/**
 * Starts real Node worker threads running the lab's thread loop over one shared buffer.
 *
 * Node 20 cannot start a worker from a .ts file, and `--import tsx` in execArgv does not reach
 * the worker's entry, so each worker evaluates a bootstrap that registers tsx and then imports
 * `thread-entry.ts`.
 */
import { Worker } from "node:worker_threads";
import type { LockKind } from "../../src/engine/catalog";
import { grantSteps, readStatus, setDelayUs, setMode } from "../../src/engine/control";
import {
  attachLab,
  createLabBuffer,
  type LabMemory,
  Mode,
  type Role,
} from "../../src/engine/layout";
import type { StartMessage, ThreadToPage } from "../../src/engine/messages";
import type { VariantId } from "../../src/engine/programs";

const entry = new URL("./thread-entry.ts", import.meta.url).href;
const bootstrap = `
import("tsx/esm/api")
  .then(({ register }) => {
    register();
    return import(${JSON.stringify(entry)});
  })
  .catch((error) => {
    const { parentPort } = require("node:worker_threads");
    parentPort.postMessage({ type: "error", slot: -1, message: String((error && error.stack) || error) });
  });
`;

export interface ThreadSpec {
  slot: number;
  role: Role;
  variant: VariantId;
  /** Defaults to the seqlock. */
  lock?: LockKind;
}

export interface Lab {
  mem: LabMemory;
  messages: ThreadToPage[];
  /** Resolves once every thread has posted `ready`. */
  ready: Promise<void>;
  /** Sets every thread to full speed. */
  runAll(): void;
  /** Also receives summaries, which `messages` leaves out. */
  onMessage(listener: (message: ThreadToPage) => void): void;
  /** Stops every thread and waits for all of them to exit. */
  stop(): Promise<void>;
}

export function startLab(
  words: number,
  threads: ThreadSpec[],
  initialMode: Mode = Mode.pause,
): Lab {
  const buffer = createLabBuffer();
  const mem = attachLab(buffer, words);
  const messages: ThreadToPage[] = [];
  const listeners: Array<(message: ThreadToPage) => void> = [];
  for (const t of threads) setMode(mem, t.slot, initialMode);
  const workers = threads.map((t) => {
    const start: StartMessage = {
      type: "start",
      buffer,
      slot: t.slot,
      role: t.role,
      lock: t.lock ?? "seqlock",
      variant: t.variant,
      words,
    };
    const worker = new Worker(bootstrap, { eval: true, workerData: start });
    worker.on("message", (m: ThreadToPage) => {
      if (m.type !== "summary") messages.push(m);
      for (const listener of listeners) listener(m);
    });
    return worker;
  });
  const ready = Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.on("message", (m: ThreadToPage) => {
            if (m.type === "ready") resolve();
            if (m.type === "error") reject(new Error(m.message));
          });
          w.on("error", reject);
        }),
    ),
  ).then(() => undefined);
  const exited = Promise.all(workers.map((w) => new Promise((resolve) => w.on("exit", resolve))));
  return {
    mem,
    messages,
    ready,
    onMessage(listener) {
      listeners.push(listener);
    },
    runAll() {
      for (const t of threads) {
        setDelayUs(mem, t.slot, 0);
        setMode(mem, t.slot, Mode.run);
      }
    },
    async stop() {
      for (const t of threads) setMode(mem, t.slot, Mode.stop);
      await exited;
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Plays a schedule on paused threads: one permit at a time, each awaited until it landed. */
export async function playSteps(lab: Lab, steps: readonly number[]): Promise<void> {
  for (const slot of steps) {
    const before = readStatus(lab.mem, slot).steps;
    grantSteps(lab.mem, slot);
    const deadline = Date.now() + 5000;
    while (readStatus(lab.mem, slot).steps === before) {
      if (Date.now() > deadline) throw new Error(`slot ${slot} did not step`);
      await sleep(1);
    }
  }
}
