/**
 * Browser entry of one lab thread (a dedicated module Worker). It waits for its single start
 * message, then runs the shared thread loop until told to stop; control arrives only through
 * the shared buffer. Anything it throws is reported to the page as an `error` message.
 */
import type { PageToThread, ThreadToPage } from "../engine/messages";
import { runThread } from "../engine/runner";

interface WorkerScope {
  onmessage: ((event: MessageEvent<PageToThread>) => void) | null;
  postMessage(message: ThreadToPage): void;
}

const scope = self as unknown as WorkerScope;
const post = (message: ThreadToPage) => scope.postMessage(message);

scope.onmessage = (event) => {
  scope.onmessage = null;
  const start = event.data;
  try {
    runThread(start, { post, now: () => performance.timeOrigin + performance.now() });
  } catch (error) {
    post({
      type: "error",
      slot: start.slot,
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
  }
};
