/**
 * Node `worker_threads` entry: runs the same `runThread` the browser Worker runs, with the
 * thread's start message in `workerData`.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { StartMessage } from "../../src/engine/messages";
import { runThread } from "../../src/engine/runner";

const start = workerData as StartMessage;
const port = parentPort;
if (!port) throw new Error("thread-entry must run in a worker thread");
runThread(start, {
  post: (message) => port.postMessage(message),
  now: () => performance.timeOrigin + performance.now(),
});
