import { exitScheduler, scheduleText, stepBack, useLab } from "../lab/store";

/** Scheduler mode: the recorded interleaving, and a way back one step. */
export function SchedulerBar() {
  const scheduler = useLab((s) => s.scheduler);
  const schedule = useLab((s) => s.schedule);
  const replaying = useLab((s) => s.replaying);
  if (!scheduler) return null;
  return (
    <section className="scheduler" aria-label="Scheduler mode">
      <p>
        <strong>Scheduler mode:</strong> every thread waits for you. Click a thread's Step, or press
        its number, to choose who moves next.
      </p>
      <p className="schedule">
        Schedule ({schedule.length} {schedule.length === 1 ? "step" : "steps"}):{" "}
        <code className="schedule-text" data-testid="schedule">
          {schedule.length ? scheduleText(schedule) : "—"}
        </code>
      </p>
      <div className="scheduler-controls">
        <button
          type="button"
          onClick={() => void stepBack()}
          disabled={replaying || schedule.length === 0}
          aria-label="Step back: restart the threads and replay all but the last step"
        >
          {replaying ? "Replaying…" : "Step back"}
        </button>
        <button type="button" onClick={exitScheduler} disabled={replaying}>
          Leave scheduler mode
        </button>
      </div>
    </section>
  );
}
