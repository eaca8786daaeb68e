import { useEffect, useRef, useState } from "react";
import type uPlot from "uplot";
import type { LockKind } from "../engine/catalog";
import { LOCK_LABEL } from "../engine/catalog";
import { readStatus } from "../engine/control";
import {
  C,
  Mode,
  readCounter,
  readerSlot,
  THREAD_STATE_LABEL,
  type ThreadState,
  writerSlot,
} from "../engine/layout";
import { LabSession } from "../lab/session";
import { useLab } from "../lab/store";
import { cssColour, setText } from "./dom";
import { SpeedSelect } from "./Toolbar";

/** The three locks compared, each on its own buffer with its own workers. */
const LOCKS: readonly LockKind[] = ["seqlock", "rwlock", "mutex"];
const SAMPLE_MS = 250;
const HISTORY = 120; // 30 s of samples
/** Rates are taken over the last 5 s of samples, the writer's waiting share over the last 1 s. */
const RATE_SAMPLES = 21;
const WAIT_SAMPLES = 4;

interface Sample {
  t: number;
  writes: number;
  waitUs: number;
  reads: number;
}

function sampleOf(session: LabSession): Sample {
  const mem = session.mem;
  let reads = 0;
  for (let r = 0; r < session.config.readers; r++) {
    reads += readCounter(mem, readerSlot(r), C.ops);
  }
  return {
    t: performance.now(),
    writes: readCounter(mem, writerSlot(0), C.ops),
    waitUs: readCounter(mem, writerSlot(0), C.waitUs),
    reads,
  };
}

/**
 * Lesson 5: the same threads on a seqlock, a reader-preferring rwlock and a mutex, side by
 * side, each a real lab. Every figure is the writer's own counters: its writes, and the time
 * it spent failing to take its lock, sampled four times a second.
 */
export function ComparisonView() {
  const config = useLab((s) => s.config);
  // The labs restart only when what they run changes, not on a theme or projector switch.
  const setUp = `${config.readers}/${config.words}/${config.speedMs}/${config.restSteps}`;
  const [paused, setPaused] = useState(false);
  const [speedMs, setSpeedMs] = useState(config.speedMs);
  const [failure, setFailure] = useState<string | null>(null);
  const sessions = useRef<LabSession[]>([]);
  const cells = useRef<Record<string, HTMLElement | null>>({});
  const waitingChartRef = useRef<HTMLDivElement>(null);
  const writesChartRef = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: restart the labs when their set-up changes
  useEffect(() => {
    const { config: base, lessonRevealed } = useLab.getState();
    // Predict, then reveal: the labs wait for the class's first answer.
    const startPaused = !lessonRevealed;
    setSpeedMs(base.speedMs);
    setPaused(startPaused);
    const labs = LOCKS.map((lock) => {
      const session = new LabSession(
        { ...base, writers: 1, lock, scenario: null, paused: startPaused },
        {
          threadReady: () => {},
          threadFailed: (slot, message) =>
            setFailure(`${LOCK_LABEL[lock]}, slot ${slot}: ${message}`),
        },
      );
      session.start();
      return session;
    });
    sessions.current = labs;
    // Per lab, the samples of the last RATE_WINDOW: rates over 5 s, "waiting now" over 1 s.
    const windows: Sample[][] = labs.map((session) => [sampleOf(session)]);
    // One x axis (seconds since the labs started), two charts: the writer's waiting share and
    // its writes per second, one line per lock.
    const time: number[] = [];
    const waitingHistory: number[][] = LOCKS.map(() => []);
    const writesHistory: number[][] = LOCKS.map(() => []);
    const plots: uPlot[] = [];
    let disposed = false;
    const hosts = [waitingChartRef.current, writesChartRef.current];
    void Promise.all([import("uplot"), import("uplot/dist/uPlot.min.css")]).then(([module]) => {
      if (disposed) return;
      hosts.forEach((host, chart) => {
        if (!host) return;
        const colour = (name: string) => cssColour(host, name);
        const colours = [colour("--even"), colour("--danger"), colour("--accent")];
        const waiting = chart === 0;
        plots.push(
          new module.default(
            {
              width: Math.max(240, host.clientWidth),
              height: 150,
              legend: { show: true, live: false },
              cursor: { show: false },
              scales: { x: { time: false }, y: waiting ? { range: [0, 100] } : { auto: true } },
              axes: [
                { stroke: colour("--muted"), values: (_u, ticks) => ticks.map((t) => `${t} s`) },
                {
                  stroke: colour("--muted"),
                  values: (_u, ticks) => ticks.map((t) => (waiting ? `${t} %` : `${t}/s`)),
                },
              ],
              series: [
                {},
                ...LOCKS.map((lock, i) => ({
                  label: `${lock} writer ${waiting ? "waiting" : "writes/s"}`,
                  stroke: colours[i],
                  width: 2,
                })),
              ],
            },
            [time, ...(waiting ? waitingHistory : writesHistory)] as uPlot.AlignedData,
            host,
          ),
        );
      });
    });
    const started = performance.now();
    const timer = setInterval(() => {
      labs.forEach((session, i) => {
        const now = sampleOf(session);
        const window = windows[i];
        window.push(now);
        if (window.length > RATE_SAMPLES) window.shift();
        const oldest = window[0];
        const recent = window[Math.max(0, window.length - 1 - WAIT_SAMPLES)];
        const perSecond = (a: number, b: number, from: Sample) =>
          now.t > from.t ? ((a - b) * 1000) / (now.t - from.t) : 0;
        const waiting = Math.min(100, perSecond(now.waitUs, recent.waitUs, recent) / 10_000);
        const lock = LOCKS[i];
        const status = readStatus(session.mem, writerSlot(0));
        setText(cells.current[`${lock}-state`], THREAD_STATE_LABEL[status.state as ThreadState]);
        setText(cells.current[`${lock}-writes`], now.writes.toLocaleString("en-US"));
        setText(
          cells.current[`${lock}-rate`],
          perSecond(now.writes, oldest.writes, oldest).toFixed(1),
        );
        setText(cells.current[`${lock}-waiting`], `${Math.round(waiting)} %`);
        setText(
          cells.current[`${lock}-wait-total`],
          (now.waitUs / 1e6).toLocaleString("en-US", { maximumFractionDigits: 1 }),
        );
        setText(
          cells.current[`${lock}-reads`],
          perSecond(now.reads, oldest.reads, oldest).toFixed(1),
        );
        waitingHistory[i].push(waiting);
        writesHistory[i].push(perSecond(now.writes, oldest.writes, oldest));
      });
      time.push(Math.round((performance.now() - started) / 100) / 10);
      if (time.length > HISTORY) {
        for (const series of [time, ...waitingHistory, ...writesHistory]) series.shift();
      }
      plots[0]?.setData([time, ...waitingHistory] as uPlot.AlignedData);
      plots[1]?.setData([time, ...writesHistory] as uPlot.AlignedData);
    }, SAMPLE_MS);
    return () => {
      disposed = true;
      clearInterval(timer);
      for (const plot of plots) plot.destroy();
      for (const session of labs) session.dispose();
    };
  }, [setUp]);

  const revealed = useLab((s) => s.lessonRevealed);
  useEffect(() => {
    if (!revealed) return;
    for (const session of sessions.current)
      for (const slot of session.liveSlots()) session.setMode(slot, Mode.run);
    setPaused(false);
  }, [revealed]);

  const setAll = (mode: Mode) => {
    for (const session of sessions.current)
      for (const slot of session.liveSlots()) session.setMode(slot, mode);
    setPaused(mode === Mode.pause);
  };
  const setSpeed = (ms: number) => {
    for (const session of sessions.current)
      for (const slot of session.liveSlots()) session.setSpeed(slot, ms);
    setSpeedMs(ms);
  };
  const rows: ReadonlyArray<readonly [string, string]> = [
    ["state", "Writer"],
    ["writes", "Writes"],
    ["rate", "Writes/s (last 5 s)"],
    ["waiting", "Writer waiting (last 1 s)"],
    ["wait-total", "Writer waited (s, total)"],
    ["reads", "Reads/s, all readers (last 5 s)"],
  ];
  return (
    <main className="comparison" aria-label="Three locks side by side">
      <header>
        <h2>
          1 writer, {config.readers} readers, {config.words} words, on three locks at once
        </h2>
        <button type="button" onClick={() => setAll(paused ? Mode.run : Mode.pause)}>
          {paused ? "Run all three" : "Pause all three"}
        </button>
        <SpeedSelect
          value={speedMs}
          label="Speed of every thread in the comparison"
          onChange={setSpeed}
        />
      </header>
      {failure && (
        <p className="lane-failure" role="alert">
          A thread failed: {failure}
        </p>
      )}
      <table className="comparison-table">
        <thead>
          <tr>
            <th scope="col">Lock</th>
            {LOCKS.map((lock) => (
              <th key={lock} scope="col">
                {LOCK_LABEL[lock]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, label]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              {LOCKS.map((lock) => (
                <td
                  key={lock}
                  data-testid={`compare-${lock}-${key}`}
                  ref={(el) => {
                    cells.current[`${lock}-${key}`] = el;
                  }}
                >
                  —
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="chart" ref={waitingChartRef} />
      <p className="hint">
        The share of each second the writer spent failing to take its lock (last 1 s), and below,
        its writes per second (last 5 s); 30 s of history.
      </p>
      <div className="chart" ref={writesChartRef} />
    </main>
  );
}
