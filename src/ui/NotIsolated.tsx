/** Shown instead of the lab when the page cannot share memory with workers. */
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

export function NotIsolated({ problem }: { problem: string }) {
  return (
    <main className="fatal" aria-labelledby="fatal-title">
      <h1 id="fatal-title">Seqlock Lab cannot run its threads here</h1>
      <p role="alert">{problem}</p>
      <p>
        Seqlock Lab runs real threads (Web Workers) on one <code>SharedArrayBuffer</code>. Browsers
        only allow shared memory on pages that are <em>cross-origin isolated</em>, which the server
        turns on with two response headers:
      </p>
      <pre>
        Cross-Origin-Opener-Policy: same-origin{"\n"}Cross-Origin-Embedder-Policy: require-corp
      </pre>
      <ul>
        <li>
          Running it yourself: <code>npm install &amp;&amp; npm start</code> (or{" "}
          <code>npm run preview</code> after a build) sends both headers.
        </li>
        <li>
          Netlify and Cloudflare Pages read them from <code>_headers</code>, which the build ships.
        </li>
        <li>Any other server: add the two headers to every response of the site.</li>
      </ul>
    </main>
  );
}
