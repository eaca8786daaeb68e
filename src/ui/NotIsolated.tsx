import { type IsolationState, isolationProblem } from "../lab/isolation";

/** Shown instead of the lab while, or because, the page cannot share memory with workers. */
export function NotIsolated({ state }: { state: IsolationState | null }) {
  if (state === null || state.kind === "reloading") {
    return (
      <main className="fatal waiting" aria-busy="true">
        <h1>Preparing shared memory…</h1>
        <p role="status">
          This host does not send the headers shared memory needs, so Seqlock Lab is installing a
          small service worker that adds them. The page reloads once, then the lab starts.
        </p>
      </main>
    );
  }
  const problem = isolationProblem() ?? "The page is not cross-origin isolated.";
  return (
    <main className="fatal" aria-labelledby="fatal-title">
      <h1 id="fatal-title">Seqlock Lab cannot run its threads here</h1>
      <p role="alert">{problem}</p>
      {state.kind === "unavailable" && <p>{state.reason}</p>}
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
          Netlify and Cloudflare Pages read them from <code>_headers</code>, Vercel from{" "}
          <code>vercel.json</code>; the build ships both.
        </li>
        <li>
          Any other static host (GitHub Pages): the built site installs a service worker that adds
          the headers and reloads once — unless the link says <code>coi=0</code>, or the browser
          blocks service workers (private windows in some browsers).
        </li>
      </ul>
    </main>
  );
}
