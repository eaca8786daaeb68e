import { lazy, Suspense, useEffect } from "react";
import { isComparisonLesson } from "./lab/scenarios";
import { LabSession } from "./lab/session";
import { attachSession, markFailed, markReady, startFromLink, useLab } from "./lab/store";
import { ErrorBoundary } from "./ui/ErrorBoundary";
import { EventLogPanel } from "./ui/EventLogPanel";
import { HelpOverlay } from "./ui/HelpOverlay";
import { MemoryPanel } from "./ui/MemoryPanel";
import { Narrator } from "./ui/Narrator";
import { Notices } from "./ui/Notices";
import { SchedulerBar } from "./ui/SchedulerBar";
import { SequenceCounter } from "./ui/SequenceCounter";
import { SetupBar } from "./ui/SetupBar";
import { handleShortcut } from "./ui/shortcuts";
import { ThreadLanes } from "./ui/ThreadLane";
import { Throughput } from "./ui/Throughput";
import { Timeline } from "./ui/Timeline";
import { Toolbar } from "./ui/Toolbar";

// Off the initial load (the 100 kB budget): a lesson's words load with its panel, the explorer
// sits folded below the fold, and the comparison is one lesson's page.
const ExplorerPanel = lazy(() =>
  import("./ui/ExplorerPanel").then((m) => ({ default: m.ExplorerPanel })),
);
const ScenarioPanel = lazy(() =>
  import("./ui/ScenarioPanel").then((m) => ({ default: m.ScenarioPanel })),
);
const ComparisonView = lazy(() =>
  import("./ui/ComparisonView").then((m) => ({ default: m.ComparisonView })),
);

/** Starts a fresh session (new buffer, new workers) per generation; cleanup terminates them. */
function useLabSession(): void {
  const generation = useLab((s) => s.generation);
  const comparison = useLab((s) => isComparisonLesson(s.config.scenario));
  useEffect(() => {
    // The comparison lesson runs labs of its own (ComparisonView) instead of this one.
    if (generation === 0 || comparison) return;
    const session = new LabSession(useLab.getState().config, {
      threadReady: markReady,
      threadFailed: markFailed,
    });
    attachSession(session);
    session.start();
    return () => {
      session.dispose();
      attachSession(null);
    };
  }, [generation, comparison]);
}

/** Projector mode and theme live on <html>, so every colour and size follows them. */
function useViewAttributes(): void {
  const projector = useLab((s) => s.config.projector);
  const theme = useLab((s) => s.config.theme);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.projector = projector ? "true" : "false";
    root.dataset.theme = theme;
  }, [projector, theme]);
}

function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (handleShortcut(event)) event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

function Lab() {
  useLabSession();
  const comparison = useLab((s) => isComparisonLesson(s.config.scenario));
  useEffect(() => {
    void startFromLink(window.location.search);
  }, []);
  useViewAttributes();
  useShortcuts();
  return (
    <div className="app">
      <Toolbar />
      <SetupBar />
      <Notices />
      <Suspense fallback={null}>
        <ScenarioPanel />
      </Suspense>
      <SchedulerBar />
      {comparison ? (
        <Suspense fallback={<p role="status">Loading the comparison…</p>}>
          <ComparisonView />
        </Suspense>
      ) : (
        <main className="stage">
          <section className="memory-column" aria-label="Shared memory">
            <SequenceCounter />
            <MemoryPanel />
            <EventLogPanel />
          </section>
          <div className="lanes-column">
            <ThreadLanes />
            <Timeline />
            <Throughput />
            <Suspense fallback={null}>
              <ExplorerPanel />
            </Suspense>
          </div>
        </main>
      )}
      <Narrator />
      <HelpOverlay />
    </div>
  );
}

export function App() {
  return (
    <ErrorBoundary>
      <Lab />
    </ErrorBoundary>
  );
}
