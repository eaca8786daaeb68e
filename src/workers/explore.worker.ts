/**
 * Browser entry of the explorer: enumerates interleavings off the main thread, on a private
 * buffer of its own, and posts one result per reader variant as soon as it is ready.
 */
import { explore } from "../engine/explore";
import type { ExploreReply, ExploreRequest } from "../engine/messages";

interface WorkerScope {
  onmessage: ((event: MessageEvent<ExploreRequest>) => void) | null;
  postMessage(message: ExploreReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { words, readers, readerBudget, variants } = event.data;
  try {
    for (const readerVariant of variants) {
      const result = explore({ words, readers, readerVariant, readerBudget });
      scope.postMessage({ type: "explored", result });
    }
    scope.postMessage({ type: "explore-done" });
  } catch (error) {
    scope.postMessage({
      type: "explore-error",
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
