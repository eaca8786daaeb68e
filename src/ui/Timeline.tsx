import { useAnimationFrame } from "framer-motion";
import { useEffect, useRef, useState } from "react";
import { slotName } from "../engine/layout";
import { activeSlots, useLab } from "../lab/store";
import { MARK_LABEL, Mark } from "../lab/timeline";
import { cssColour } from "./dom";

const WINDOW_MS = 10_000;
const MAX_SCROLL_S = 60;
const ROW_HEIGHT = 22;
const LABEL_WIDTH = 34;
const AXIS_HEIGHT = 16;

/** CSS custom property per mark; ticks are drawn for the instantaneous outcomes. */
const MARK_COLOR_VAR: Record<Mark, string> = {
  [Mark.idle]: "",
  [Mark.lockWait]: "--tl-wait",
  [Mark.critical]: "--tl-critical",
  [Mark.spin]: "--tl-spin",
  [Mark.reading]: "--tl-reading",
  [Mark.retry]: "--tl-retry",
  [Mark.accept]: "--tl-accept",
  [Mark.torn]: "--tl-torn",
  [Mark.fullSpeed]: "--tl-full",
};
const TICKS: ReadonlySet<Mark> = new Set([Mark.retry, Mark.accept, Mark.torn]);
const LEGEND: readonly Mark[] = [
  Mark.critical,
  Mark.lockWait,
  Mark.reading,
  Mark.spin,
  Mark.retry,
  Mark.accept,
  Mark.torn,
  Mark.fullSpeed,
];

function now(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Swimlanes of the last ten seconds, one per thread, on one time axis. Times are the threads'
 * own timestamps (timeOrigin + now in each worker), so lanes line up across threads. Drawn on
 * a canvas once per frame; freezing stops the clock so the past can be scrolled.
 */
export function Timeline() {
  const config = useLab((s) => s.config);
  const slots = activeSlots(config);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [frozenAt, setFrozenAt] = useState<number | null>(null);
  const [scrollS, setScrollS] = useState(0);
  const colors = useRef<{ read: number; map: Map<string, string> }>({ read: 0, map: new Map() });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const resize = () => {
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.round(canvas.clientWidth * ratio);
      canvas.height = Math.round(canvas.clientHeight * ratio);
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  useAnimationFrame((time) => {
    const canvas = canvasRef.current;
    const session = useLab.getState().session;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx || !session) return;
    if (time - colors.current.read > 1000) {
      const map = new Map<string, string>();
      for (const name of [...Object.values(MARK_COLOR_VAR), "--ink", "--muted", "--line"]) {
        if (name) map.set(name, cssColour(canvas.parentElement ?? canvas, name));
      }
      colors.current = { read: time, map };
    }
    const color = (name: string) => colors.current.map.get(name) ?? "#888";
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.width / ratio;
    const end = (frozenAt ?? now()) - scrollS * 1000;
    const start = end - WINDOW_MS;
    const plot = width - LABEL_WIDTH;
    const x = (t: number) => LABEL_WIDTH + ((t - start) / WINDOW_MS) * plot;

    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, canvas.height / ratio);
    ctx.font = "12px ui-monospace, monospace";
    ctx.textBaseline = "middle";
    slots.forEach((slot, row) => {
      const y = row * ROW_HEIGHT;
      ctx.fillStyle = color("--ink");
      ctx.fillText(slotName(slot), 2, y + ROW_HEIGHT / 2);
      ctx.fillStyle = color("--line");
      ctx.fillRect(LABEL_WIDTH, y + ROW_HEIGHT - 1, plot, 1);
      session.tracks[slot].forEach(start, (t, mark, nextT) => {
        if (t > end) return;
        const colorVar = MARK_COLOR_VAR[mark];
        if (TICKS.has(mark)) {
          ctx.fillStyle = color(colorVar);
          ctx.fillRect(Math.max(LABEL_WIDTH, x(t) - 1.5), y + 2, 3, ROW_HEIGHT - 5);
          return;
        }
        if (!colorVar) return;
        const from = Math.max(t, start);
        const to = Math.min(nextT ?? end, end);
        if (to <= from) return;
        ctx.fillStyle = color(colorVar);
        ctx.fillRect(x(from), y + 5, Math.max(1, x(to) - x(from)), ROW_HEIGHT - 11);
      });
    });
    const axisY = slots.length * ROW_HEIGHT + AXIS_HEIGHT / 2;
    ctx.fillStyle = color("--muted");
    for (let s = 0; s <= WINDOW_MS / 1000; s += 2) {
      const t = end - s * 1000;
      const label = s === 0 ? (frozenAt || scrollS ? `-${scrollS} s` : "now") : `-${s + scrollS} s`;
      ctx.fillText(label, Math.min(width - 40, x(t) - 10), axisY);
    }
  });

  const frozen = frozenAt !== null;
  return (
    <section className="timeline" aria-label="Timeline">
      <header>
        <h2>Timeline</h2>
        <button
          type="button"
          onClick={() => {
            setFrozenAt(frozen ? null : now());
            if (frozen) setScrollS(0);
          }}
          aria-label={frozen ? "Resume the timeline" : "Freeze the timeline"}
        >
          {frozen ? "Resume" : "Freeze"}
        </button>
        <label>
          Look back
          <input
            type="range"
            min={0}
            max={MAX_SCROLL_S}
            step={1}
            value={scrollS}
            onChange={(e) => {
              if (!frozen) setFrozenAt(now());
              setScrollS(Number(e.target.value));
            }}
            aria-valuetext={`${scrollS} seconds back`}
          />
        </label>
      </header>
      <canvas
        ref={canvasRef}
        style={{ height: slots.length * ROW_HEIGHT + AXIS_HEIGHT }}
        role="img"
        aria-label={`Timeline of the last ten seconds for ${slots.map(slotName).join(", ")}: critical sections, spins, retries and accepted reads`}
        data-testid="timeline"
      />
      <ul className="legend">
        {LEGEND.map((mark) => (
          <li key={mark}>
            <span className="swatch" style={{ background: `var(${MARK_COLOR_VAR[mark]})` }} />
            {MARK_LABEL[mark]}
          </li>
        ))}
      </ul>
    </section>
  );
}
