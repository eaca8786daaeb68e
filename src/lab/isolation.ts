/**
 * Cross-origin isolation, and the service-worker fallback for hosts that cannot send headers.
 *
 * When the page is not isolated, a production build registers `sw.js` (which re-serves the
 * site with COOP/COEP) and reloads once. A session flag stops a reload loop: if the page is
 * still not isolated after that reload, the fallback has failed and the page says so. `coi=0`
 * in the URL turns the fallback off.
 */
const RELOADED_FLAG = "seqlock-lab:isolation-reload";

export type IsolationState =
  | { kind: "isolated" }
  | { kind: "reloading" }
  | { kind: "unavailable"; reason: string };

export function isolationProblem(): string | null {
  if (typeof SharedArrayBuffer !== "function") {
    return globalThis.crossOriginIsolated
      ? "This browser has no SharedArrayBuffer."
      : "This page is not cross-origin isolated, so the browser withholds SharedArrayBuffer.";
  }
  if (!globalThis.crossOriginIsolated) {
    return "This page is not cross-origin isolated, so workers cannot share memory with it.";
  }
  if (typeof Worker !== "function") return "This browser cannot start Web Workers.";
  return null;
}

function sessionFlag(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: no fallback loop protection, so no fallback
  }
}

/** Registers the service worker (production only); reloads once if that can isolate the page. */
export async function ensureIsolation(production: boolean): Promise<IsolationState> {
  const problem = isolationProblem();
  const storage = sessionFlag();
  const disabled = new URLSearchParams(window.location.search).get("coi") === "0";
  const canUse = production && !disabled && "serviceWorker" in navigator && storage !== null;
  if (!problem) {
    storage?.removeItem(RELOADED_FLAG);
    // Already isolated by headers: the worker still keeps the app for offline use.
    if (canUse) navigator.serviceWorker.register("./sw.js").catch(() => undefined);
    return { kind: "isolated" };
  }
  if (!canUse) {
    return {
      kind: "unavailable",
      reason: disabled
        ? "The service-worker fallback is turned off (coi=0 in the link)."
        : "This browser or build cannot use the service-worker fallback.",
    };
  }
  if (storage?.getItem(RELOADED_FLAG)) {
    storage.removeItem(RELOADED_FLAG);
    return {
      kind: "unavailable",
      reason: "The service-worker fallback was installed, but the page is still not isolated.",
    };
  }
  try {
    await navigator.serviceWorker.register("./sw.js");
    await navigator.serviceWorker.ready;
  } catch (error) {
    return {
      kind: "unavailable",
      reason: `The service worker could not be installed: ${String(error)}`,
    };
  }
  storage?.setItem(RELOADED_FLAG, "1");
  window.location.reload();
  return { kind: "reloading" };
}
