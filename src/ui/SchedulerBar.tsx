import { useState } from "react";
import { formatSchedule } from "../lab/schedule";
import {
  exitScheduler,
  loadSchedule,
  pauseSchedule,
  playSchedule,
  reset,
  scheduleText,
  stepBack,
  stepSchedule,
  useLab,
} from "../lab/store";
import { SpeedSelect } from "./Toolbar";

/** Longer schedules are shown with runs compressed (`R1*3`), as links write them. */
const LONG_SCHEDULE = 200;

/** The schedule shown around the cursor: steps taken, then the loaded steps still to come. */
function ScheduleCursor() {
  const schedule = useLab((s) => s.schedule);
  const pending = useLab((s) => s.pending);
  return (
    <p className="schedule">
      Schedule ({schedule.length} {schedule.length === 1 ? "step" : "steps"} taken
      {pending.length > 0 ? `, ${pending.length} to come` : ""}):{" "}
      <code className="schedule-text" data-testid="schedule">
        {schedule.length === 0
          ? "—"
          : schedule.length > LONG_SCHEDULE
            ? formatSchedule(schedule, true)
            : scheduleText(schedule)}
      </code>
      {pending.length > 0 && (
        <>
          {" "}
          <span className="cursor" role="img" aria-label="cursor">
            ▸
          </span>{" "}
          <code className="schedule-pending" data-testid="schedule-pending">
            {formatSchedule(pending, true)}
          </code>
        </>
      )}
    </p>
  );
}

/** Typing or pasting a schedule: checked against this set-up, with the first bad token named. */
function ScheduleLoader() {
  const [text, setText] = useState("");
  const error = useLab((s) => s.scheduleError);
  return (
    <form
      className="schedule-loader"
      onSubmit={(e) => {
        e.preventDefault();
        loadSchedule(text);
      }}
    >
      <label>
        Load a schedule
        <input
          type="text"
          value={text}
          placeholder="e.g. R1*3 W1*8 R1*3"
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? "schedule-error" : undefined}
        />
      </label>
      <button type="submit">Load</button>
      {error && (
        <p id="schedule-error" className="schedule-error" role="alert" data-testid="schedule-error">
          {error}
        </p>
      )}
    </form>
  );
}

/** Scheduler mode: the recorded interleaving with its cursor, replay controls, step back. */
export function SchedulerBar() {
  const scheduler = useLab((s) => s.scheduler);
  const schedule = useLab((s) => s.schedule);
  const pending = useLab((s) => s.pending);
  const playing = useLab((s) => s.playing);
  const playMs = useLab((s) => s.playMs);
  const replaying = useLab((s) => s.replaying);
  const replayCheck = useLab((s) => s.replayCheck);
  if (!scheduler) return null;
  return (
    <section className="scheduler" aria-label="Scheduler mode">
      <p>
        <strong>Scheduler mode:</strong> every thread waits for you. Click a thread's Step, or press
        its number, to choose who moves next; or load a schedule and play it.
      </p>
      <ScheduleCursor />
      {replayCheck && (
        <p className="replay-check" role="status" data-testid="replay-check">
          {replayCheck}
        </p>
      )}
      <div className="scheduler-controls">
        <button
          type="button"
          onClick={() => (playing ? pauseSchedule() : void playSchedule(playMs))}
          disabled={replaying || (!playing && pending.length === 0)}
        >
          {playing ? "Pause replay" : "Play"}
        </button>
        <SpeedSelect
          value={playMs}
          label="Replay speed"
          onChange={(ms) => {
            if (playing) void playSchedule(ms);
            else useLab.setState({ playMs: ms });
          }}
        />
        <button
          type="button"
          onClick={stepSchedule}
          disabled={replaying || playing || pending.length === 0}
        >
          Next step
        </button>
        <button
          type="button"
          onClick={() => void stepBack()}
          disabled={replaying || playing || schedule.length === 0}
          aria-label="Step back: restart the threads and replay all but the last step"
        >
          {replaying ? "Replaying…" : "Step back"}
        </button>
        <button
          type="button"
          onClick={reset}
          disabled={replaying || schedule.length === 0}
          aria-label="Rewind: the same schedule from the start on fresh threads"
        >
          Rewind
        </button>
        <button type="button" onClick={exitScheduler} disabled={replaying}>
          Leave scheduler mode
        </button>
      </div>
      <ScheduleLoader />
    </section>
  );
}
