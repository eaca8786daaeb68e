/*
 * Seqlock Lab's service worker, for static hosts that cannot send headers (GitHub Pages).
 *
 * Shared memory needs a cross-origin isolated page, which needs two response headers. This
 * worker re-serves the site's own responses with them (the approach of coi-serviceworker), so
 * after one reload the page is isolated. It also keeps what it served, so a classroom with bad
 * wifi can reopen the lab offline: network first, the kept copy when the network fails.
 */
const CACHE = "seqlock-lab-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(serve(request));
});

function isolated(response) {
  if (response.status === 0) return response; // opaque: headers cannot be changed
  const headers = new Headers(response.headers);
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Cross-Origin-Embedder-Policy", "require-corp");
  headers.set("Cross-Origin-Resource-Policy", "same-origin");
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

async function serve(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      const key =
        request.mode === "navigate" ? new URL("./", self.registration.scope).href : request;
      await cache.put(key, response.clone());
    }
    return isolated(response);
  } catch (error) {
    const kept =
      (await cache.match(request, { ignoreSearch: request.mode === "navigate" })) ??
      (request.mode === "navigate"
        ? await cache.match(new URL("./", self.registration.scope).href)
        : undefined);
    if (kept) return isolated(kept);
    throw error;
  }
}
