import { useEffect, useRef, useState } from "react";
import {
  type Example,
  type ExploreResult,
  OUTCOME_LABEL,
  OUTCOMES,
  type Outcome,
} from "../engine/explore";
import type { ExploreReply, ExploreRequest } from "../engine/messages";
import { READER_VARIANTS, type ReaderVariantId } from "../engine/programs";
import { formatSchedule } from "../lab/schedule";
import { watchInterleaving } from "../lab/store";

const VARIANTS = Object.keys(READER_VARIANTS) as ReaderVariantId[];

/**
 * Every interleaving of one write and one or two reads, for every reader variant, counted in a
 * worker on the real step programs; any listed interleaving loads into the stepped view.
 */
export function ExplorerPanel() {
  const [readers, setReaders] = useState<1 | 2>(1);
  const [words, setWords] = useState(2);
  const [budget, setBudget] = useState(4);
  const [results, setResults] = useState<ExploreResult[]>([]);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<{ variant: ReaderVariantId; outcome: Outcome } | null>(null);
  const worker = useRef<Worker | null>(null);

  useEffect(() => () => worker.current?.terminate(), []);

  const run = () => {
    worker.current?.terminate();
    const w = new Worker(new URL("../workers/explore.worker.ts", import.meta.url), {
      type: "module",
      name: "explorer",
    });
    worker.current = w;
    setResults([]);
    setPicked(null);
    setError(null);
    setRunning(true);
    w.onmessage = (event: MessageEvent<ExploreReply>) => {
      const reply = event.data;
      if (reply.type === "explored") setResults((r) => [...r, reply.result]);
      else {
        if (reply.type === "explore-error") setError(reply.message);
        setRunning(false);
        w.terminate();
      }
    };
    w.onerror = (event) => {
      event.preventDefault();
      setError(event.message || "the explorer failed to start");
      setRunning(false);
    };
    const request: ExploreRequest = {
      type: "explore",
      words,
      readers,
      readerBudget: budget,
      variants: VARIANTS,
    };
    w.postMessage(request);
  };

  const examples: Example[] =
    (picked &&
      results.find((r) => r.options.readerVariant === picked.variant)?.examples[picked.outcome]) ||
    [];

  return (
    <details className="explorer">
      <summary>Explore every interleaving</summary>
      <p>
        One writer does one write; each reader reads until it accepts or has taken its budget of
        steps (a spin and a retry are steps too). Every order of those steps runs on the same
        programs as the threads, one step at a time, on a private buffer. That is the sequentially
        consistent execution of each order: it finds every failure an interleaving can cause, and
        cannot show reorderings (plain loads look correct here; the threads measure those).
      </p>
      <div className="explorer-controls">
        <label>
          Readers
          <select value={readers} onChange={(e) => setReaders(e.target.value === "2" ? 2 : 1)}>
            <option value="1">1</option>
            <option value="2">2</option>
          </select>
        </label>
        <label>
          Payload words
          <select value={words} onChange={(e) => setWords(Number(e.target.value))}>
            {[2, 3, 4].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reader step budget
          <select value={budget} onChange={(e) => setBudget(Number(e.target.value))}>
            {[4, 5, 6, 7, 8].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={run} disabled={running}>
          {running ? "Exploring…" : "Explore"}
        </button>
      </div>
      {error && (
        <p className="schedule-error" role="alert">
          The explorer failed: {error}
        </p>
      )}
      {results.length > 0 && (
        <table className="explorer-table" data-testid="explorer-results">
          <thead>
            <tr>
              <th scope="col">Reader variant</th>
              <th scope="col">Interleavings</th>
              {OUTCOMES.map((o) => (
                <th key={o} scope="col">
                  {OUTCOME_LABEL[o]}
                </th>
              ))}
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => {
              const variant = r.options.readerVariant;
              return (
                <tr key={variant} data-testid={`explored-${variant}`}>
                  <th scope="row">{READER_VARIANTS[variant].label}</th>
                  <td>
                    {r.interleavings.toLocaleString("en-US")}
                    {r.truncated ? " (stopped early)" : ""}
                  </td>
                  {OUTCOMES.map((o) => (
                    <td key={o} data-testid={`explored-${variant}-${o}`}>
                      {r.counts[o] > 0 ? (
                        <button
                          type="button"
                          className="link"
                          aria-pressed={picked?.variant === variant && picked.outcome === o}
                          onClick={() => setPicked({ variant, outcome: o })}
                          aria-label={`${r.counts[o]} ${OUTCOME_LABEL[o]} for ${READER_VARIANTS[variant].label}: list them`}
                        >
                          {r.counts[o].toLocaleString("en-US")}
                        </button>
                      ) : (
                        "0"
                      )}
                    </td>
                  ))}
                  <td>{Math.round(r.ms)} ms</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {picked && examples.length > 0 && (
        <div className="explorer-examples">
          <p>
            First {examples.length} interleavings where a reader {OUTCOME_LABEL[picked.outcome]} (
            {READER_VARIANTS[picked.variant].label}):
          </p>
          <ol data-testid="explorer-examples">
            {examples.map((example) => {
              const text = formatSchedule(example.schedule, true);
              return (
                <li key={text}>
                  <code>{text}</code>{" "}
                  <button
                    type="button"
                    onClick={() =>
                      watchInterleaving(picked.variant, readers, words, example.schedule)
                    }
                    aria-label={`Watch ${text} on real threads`}
                  >
                    Watch on real threads
                  </button>
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </details>
  );
}
