import { useAnimationFrame } from "framer-motion";
import { useRef, useState } from "react";
import { slotName } from "../engine/layout";
import { activeSlots, useLab } from "../lab/store";

const SHOWN_LINES = 200;
const REDRAW_MS = 200;

/** The threads' own account of what they did, dmesg style; redrawn at most once a frame. */
export function EventLogPanel() {
  const config = useLab((s) => s.config);
  const [filter, setFilter] = useState<number | "all">("all");
  const preRef = useRef<HTMLPreElement>(null);
  const drawn = useRef({ version: -1, filter: "" as string, session: null as unknown, at: 0 });

  useAnimationFrame((time) => {
    const session = useLab.getState().session;
    const pre = preRef.current;
    if (!session || !pre) return;
    const key = String(filter);
    const d = drawn.current;
    if (d.version === session.log.version && d.filter === key && d.session === session) return;
    // A log that changes every frame is redrawn five times a second: nobody reads faster.
    if (d.session === session && d.filter === key && time - d.at < REDRAW_MS) return;
    drawn.current = { version: session.log.version, filter: key, session, at: time };
    const log = session.log;
    const lines: string[] = [];
    for (let i = 0; i < log.length && lines.length < SHOWN_LINES; i++) {
      const entry = log.newest(i);
      if (entry && (filter === "all" || entry.slot === filter || entry.slot === -1)) {
        lines.push(log.format(entry));
      }
    }
    pre.textContent = lines.reverse().join("\n");
    pre.scrollTop = pre.scrollHeight;
  });

  const copy = () => {
    const text = preRef.current?.textContent ?? "";
    navigator.clipboard?.writeText(text).catch(() => undefined);
  };

  return (
    <section className="log" aria-label="Event log">
      <header>
        <h2>Event log</h2>
        <label>
          Show
          <select
            aria-label="Show log lines of"
            value={String(filter)}
            onChange={(e) => setFilter(e.target.value === "all" ? "all" : Number(e.target.value))}
          >
            <option value="all">all threads</option>
            {activeSlots(config).map((slot) => (
              <option key={slot} value={slot}>
                {slotName(slot)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={copy} aria-label="Copy the event log">
          Copy
        </button>
      </header>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls; keyboard users need to reach it */}
      <pre ref={preRef} data-testid="event-log" tabIndex={0} />
    </section>
  );
}
