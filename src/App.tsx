import { domAnimation, LazyMotion, MotionConfig } from "framer-motion";
import { useEffect } from "react";
import { LabSession } from "./lab/session";
import { attachSession, markFailed, markReady, useLab } from "./lab/store";
import { ErrorBoundary } from "./ui/ErrorBoundary";
import { EventLogPanel } from "./ui/EventLogPanel";
import { MemoryPanel } from "./ui/MemoryPanel";
import { isolationProblem, NotIsolated } from "./ui/NotIsolated";
import { Notices } from "./ui/Notices";
import { SequenceCounter } from "./ui/SequenceCounter";
import { ThreadLanes } from "./ui/ThreadLane";
import { Toolbar } from "./ui/Toolbar";

/** Starts a fresh session (new buffer, new workers) per generation; cleanup terminates them. */
function useLabSession(): void {
  const generation = useLab((s) => s.generation);
  useEffect(() => {
    if (generation === 0) return;
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
  }, [generation]);
}

function Lab() {
  useLabSession();
  return (
    <div className="app">
      <Toolbar />
      <Notices />
      <main className="stage">
        <section className="memory-column" aria-label="Shared memory">
          <SequenceCounter />
          <MemoryPanel />
          <EventLogPanel />
        </section>
        <ThreadLanes />
      </main>
    </div>
  );
}

export function App() {
  const problem = isolationProblem();
  if (problem) return <NotIsolated problem={problem} />;
  return (
    <ErrorBoundary>
      <MotionConfig reducedMotion="user">
        <LazyMotion features={domAnimation} strict>
          <Lab />
        </LazyMotion>
      </MotionConfig>
    </ErrorBoundary>
  );
}
