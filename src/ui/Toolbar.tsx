import { useState } from "react";
import { MAX_READERS, MAX_WRITERS } from "../engine/layout";
import type { Theme } from "../lab/config";
import { SPEED_PRESETS_MS, speedLabel } from "../lab/config";
import { isComparisonLesson } from "../lab/scenarios";
import {
  addNotice,
  allPaused,
  CAPTURE_STEPS,
  captureRun,
  enterScheduler,
  exitScheduler,
  pauseAll,
  reset,
  runAll,
  setHelpOpen,
  setSpeedAll,
  setThreadCount,
  setView,
  useLab,
} from "../lab/store";

export function SpeedSelect({
  value,
  label,
  onChange,
}: {
  value: number;
  label: string;
  onChange: (ms: number) => void;
}) {
  const options: number[] = SPEED_PRESETS_MS.includes(value as (typeof SPEED_PRESETS_MS)[number])
    ? [...SPEED_PRESETS_MS]
    : [...SPEED_PRESETS_MS, value].sort((a, b) => (b === 0 ? -1 : a === 0 ? 1 : b - a));
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {options.map((ms) => (
        <option key={ms} value={ms}>
          {speedLabel(ms)}
        </option>
      ))}
    </select>
  );
}

function Counter({
  label,
  threadRole: role,
  value,
  max,
}: {
  label: string;
  threadRole: "writer" | "reader";
  value: number;
  max: number;
}) {
  return (
    <fieldset className="counter">
      <legend>{label}</legend>
      <button
        type="button"
        aria-label={`Remove a ${role}`}
        disabled={value <= 1}
        onClick={() => setThreadCount(role, value - 1)}
      >
        −
      </button>
      <output aria-label={`${label} running`}>{value}</output>
      <button
        type="button"
        aria-label={`Add a ${role}`}
        disabled={value >= max}
        onClick={() => setThreadCount(role, value + 1)}
      >
        +
      </button>
    </fieldset>
  );
}

async function captureAndReport(): Promise<void> {
  const problem = await captureRun();
  if (problem) addNotice(problem);
}

export function Toolbar() {
  const paused = useLab(allPaused);
  const config = useLab((s) => s.config);
  const scheduler = useLab((s) => s.scheduler);
  const replaying = useLab((s) => s.replaying);
  // Lesson 5 runs labs of its own, with their own run and pause.
  const comparison = useLab((s) => isComparisonLesson(s.config.scenario));
  const [copied, setCopied] = useState(false);
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      window.prompt("Copy this link:", window.location.href);
    }
  };
  return (
    <header className="toolbar">
      <h1>
        Seqlock Lab <span className="subtitle">real threads, one shared seqlock</span>
      </h1>
      <div className="controls" role="toolbar" aria-label="Lab controls">
        <button
          type="button"
          className="primary"
          onClick={paused ? runAll : pauseAll}
          disabled={replaying || comparison}
          aria-label={paused ? "Run all threads" : "Pause all threads"}
        >
          {paused ? "Run all" : "Pause all"}
        </button>
        <span className="speed">
          Speed
          <SpeedSelect value={config.speedMs} label="Speed of all threads" onChange={setSpeedAll} />
        </span>
        <Counter label="Writers" threadRole="writer" value={config.writers} max={MAX_WRITERS} />
        <Counter label="Readers" threadRole="reader" value={config.readers} max={MAX_READERS} />
        <button
          type="button"
          onClick={reset}
          aria-label="Reset: restart every thread on a fresh buffer"
        >
          Reset
        </button>
        <button
          type="button"
          aria-pressed={scheduler}
          disabled={replaying || comparison}
          onClick={() => (scheduler ? exitScheduler() : enterScheduler())}
          aria-label="Scheduler mode: every thread waits and you pick who steps next"
        >
          Scheduler
        </button>
        <button
          type="button"
          disabled={replaying || scheduler || comparison}
          onClick={() => void captureAndReport()}
          aria-label={`Capture: replay this slowed run, cursor ${CAPTURE_STEPS} steps before its end`}
        >
          Capture
        </button>
        <button type="button" onClick={copyLink} aria-label="Copy link to this set-up">
          {copied ? "Link copied" : "Copy link"}
        </button>
        <button
          type="button"
          aria-pressed={config.projector}
          onClick={() => setView({ projector: !config.projector })}
          aria-label="Projector mode: large type, high contrast"
        >
          Projector
        </button>
        <select
          aria-label="Colour theme"
          value={config.theme}
          onChange={(e) => setView({ theme: e.target.value as Theme })}
        >
          <option value="auto">Theme: system</option>
          <option value="light">Theme: light</option>
          <option value="dark">Theme: dark</option>
        </select>
        <button type="button" onClick={() => setHelpOpen(true)} aria-label="Keyboard shortcuts">
          ?
        </button>
      </div>
    </header>
  );
}
