import { useAnimationFrame } from "framer-motion";
import { useRef } from "react";
import {
  copyWidth,
  hasVariants,
  LOCK_LABEL,
  type LockKind,
  programLines,
  removedLines,
} from "../engine/catalog";
import { readStatus } from "../engine/control";
import { FREED } from "../engine/kernel";
import {
  C,
  Mode,
  readCounter,
  roleOfSlot,
  slotName,
  THREAD_STATE_LABEL,
  ThreadState,
} from "../engine/layout";
import { READER_VARIANTS, WRITER_VARIANTS } from "../engine/programs";
import { variantOfSlot } from "../lab/config";
import { describeStep } from "../lab/eventLog";
import { activeSlots, setSpeed, stepThread, togglePause, useLab } from "../lab/store";
import { dueForRedraw, setData, setText } from "./dom";
import { SpeedSelect } from "./Toolbar";

const WRITER_COUNTERS: ReadonlyArray<readonly [string, number]> = [
  ["writes", C.ops],
  ["lock spins", C.spins],
  ["waited for the lock (ms)", C.waitUs],
  ["last value written", C.lastValue],
];
const READER_COUNTERS: ReadonlyArray<readonly [string, number]> = [
  ["accepted", C.ops],
  ["retries", C.retries],
  ["odd spins", C.spins],
  ["torn accepted", C.torn],
  ["last value read", C.lastValue],
];
/** Cells of the strip of latest values a reader read, newest last. */
const VALUE_CELLS = Array.from({ length: 12 }, (_, i) => `v${i}`);

/** Test ids of the counters, by counter field. */
const COUNTER_IDS: Record<number, string> = {
  [C.ops]: "ops",
  [C.retries]: "retries",
  [C.spins]: "spins",
  [C.torn]: "torn",
  [C.backwards]: "backwards",
  [C.lastValue]: "last-value",
  [C.waitUs]: "wait",
  [C.dangling]: "dangling",
};

function readerCounters(lock: LockKind): ReadonlyArray<readonly [string, number]> {
  if (lock === "pointer") return [...READER_COUNTERS, ["loads of freed entries", C.dangling]];
  return READER_COUNTERS;
}

/** Waiting states are drawn in the writer's odd colour, an accepted snapshot in the even one. */
function stateTone(state: number): string {
  if (
    state === ThreadState.spinningOnOdd ||
    state === ThreadState.retrying ||
    state === ThreadState.waitingForLock
  )
    return "waiting";
  return state === ThreadState.accepted ? "accepted" : "";
}

function formatCopy(words: number[], total: number, lock?: LockKind): string {
  const shown = Array.from({ length: total }, (_, k) =>
    k >= words.length ? "·" : lock === "pointer" && words[k] === FREED ? "freed" : String(words[k]),
  );
  return `[${shown.join(", ")}]`;
}

/** One thread: its program with the live line, its state in words, counters and controls. */
export function ThreadLane({ slot, position }: { slot: number; position: number }) {
  const role = roleOfSlot(slot);
  const name = slotName(slot);
  const roleName = role === "writer" ? "writer" : "reader";
  const mode = useLab((s) => s.modes[slot]);
  const speed = useLab((s) => s.speeds[slot]);
  const failure = useLab((s) => s.failures[slot]);
  const ready = useLab((s) => s.readySlots.includes(slot));
  const variant = useLab((s) => variantOfSlot(s.config, slot));
  const lock = useLab((s) => s.config.lock);
  const lines = programLines(role, lock);
  const removed = removedLines(role, lock, variant);
  const info = !hasVariants(lock)
    ? { label: LOCK_LABEL[lock], specCorrect: true, explanation: "" }
    : role === "writer"
      ? WRITER_VARIANTS[variant as keyof typeof WRITER_VARIANTS]
      : READER_VARIANTS[variant as keyof typeof READER_VARIANTS];

  const lineRefs = useRef<Array<HTMLLIElement | null>>([]);
  const wordRefs = useRef<Array<HTMLSpanElement | null>>([]);
  const stateRef = useRef<HTMLParagraphElement>(null);
  const stepsRef = useRef<HTMLSpanElement>(null);
  const lastStepRef = useRef<HTMLSpanElement>(null);
  const countersRef = useRef<HTMLDListElement>(null);
  const copyRef = useRef<HTMLDListElement>(null);
  const valuesRef = useRef<HTMLOListElement>(null);
  const drawnVersion = useRef(-1);

  const redrawn = useRef({ at: 0 });

  useAnimationFrame((time) => {
    const { session, modes, speeds } = useLab.getState();
    if (!session?.has(slot)) return;
    const fullSpeed = modes[slot] === Mode.run && speeds[slot] === 0;
    if (!dueForRedraw(fullSpeed, time, redrawn.current)) return;
    const mem = session.mem;
    const status = readStatus(mem, slot);
    lineRefs.current.forEach((el, i) => {
      setData(el, "current", i === status.line ? "true" : "false");
    });
    wordRefs.current.forEach((el, i) => {
      setText(el, i === status.line && lines[i].perWord ? `k = ${status.word}` : "");
    });
    setText(stateRef.current, THREAD_STATE_LABEL[status.state as ThreadState] ?? "unknown");
    setData(stateRef.current, "tone", stateTone(status.state));
    setText(stepsRef.current, String(status.steps));
    const latest = session.latest[slot];
    setText(
      lastStepRef.current,
      latest ? (describeStep(latest, undefined, lock) ?? latest.kind) : "—",
    );
    setData(lastStepRef.current, "kind", latest?.kind ?? "");

    const counters = countersRef.current;
    if (counters) {
      for (const dd of counters.querySelectorAll<HTMLElement>("dd[data-counter]")) {
        const field = Number(dd.dataset.counter);
        const value = readCounter(mem, slot, field);
        setText(
          dd,
          field === C.waitUs
            ? (value / 1000).toLocaleString("en-US", { maximumFractionDigits: 0 })
            : field === C.lastValue && value === FREED
              ? "freed"
              : value.toLocaleString("en-US"),
        );
      }
    }
    const copy = copyRef.current;
    const view = session.readers[slot];
    if (copy && role === "reader" && view.version !== drawnVersion.current) {
      drawnVersion.current = view.version;
      const values = valuesRef.current?.children;
      if (values) {
        for (let i = 0; i < values.length; i++) {
          const value = view.recent[view.recent.length - values.length + i];
          setText(values[i] as HTMLElement, value === undefined ? "" : String(value));
        }
      }
      const [begin, inProgress, accepted, discarded, torn] =
        copy.querySelectorAll<HTMLElement>("dd");
      setText(begin, view.beginSeq < 0 ? "—" : String(view.beginSeq));
      const width = copyWidth(lock, mem.words);
      setText(inProgress, formatCopy(view.copy, width, lock));
      setText(accepted, view.accepted.length ? formatCopy(view.accepted, width) : "—");
      setText(discarded, view.discarded.length ? formatCopy(view.discarded, width, lock) : "—");
      setText(torn, view.torn.length ? formatCopy(view.torn, view.torn.length) : "none");
      setData(torn, "torn", view.torn.length ? "true" : "false");
    }
  });

  const paused = mode === Mode.pause;
  const scheduler = useLab((s) => s.scheduler);
  const replaying = useLab((s) => s.replaying);
  return (
    <article
      className={`lane lane-${role}`}
      aria-label={`${roleName} ${name}`}
      data-testid={`lane-${name}`}
      data-mode={paused ? "paused" : "running"}
    >
      <header className="lane-header">
        <h3>
          <span className="thread-name">{name}</span> {roleName}
        </h3>
        <span className="mode-badge">{paused ? "paused" : ready ? "running" : "starting"}</span>
        {position <= 9 && (
          <kbd className="key-hint" title={`Press ${position} to step ${name}`}>
            {position}
          </kbd>
        )}
        <div className="lane-controls">
          <button
            type="button"
            disabled={scheduler || replaying}
            onClick={() => togglePause(slot)}
            aria-label={`${paused ? "Resume" : "Pause"} ${roleName} ${name}`}
          >
            {paused ? "Resume" : "Pause"}
          </button>
          <button
            type="button"
            onClick={() => stepThread(slot)}
            disabled={!paused || replaying}
            aria-label={`Step ${roleName} ${name} by one step`}
          >
            Step
          </button>
          <SpeedSelect
            value={speed}
            label={`Speed of ${roleName} ${name}`}
            onChange={(ms) => setSpeed(slot, ms)}
          />
        </div>
      </header>
      <p className="state" ref={stateRef} data-testid={`state-${name}`}>
        starting
      </p>
      {!info.specCorrect && (
        <p className="variant-note">
          {info.label}: {info.explanation}
        </p>
      )}
      {failure && (
        <p className="lane-failure" role="alert">
          {name} failed: {failure}
        </p>
      )}
      <ol className="code" aria-label={`Program of ${name}`}>
        {lines.map((line, i) => (
          <li
            key={line.code + line.note}
            data-current="false"
            data-removed={removed.includes(i) ? "true" : "false"}
            ref={(el) => {
              lineRefs.current[i] = el;
            }}
          >
            <code>{line.code}</code>
            <span
              className="line-word"
              ref={(el) => {
                wordRefs.current[i] = el;
              }}
            />
            <span className="line-note">{line.note}</span>
          </li>
        ))}
      </ol>
      <p className="last-step">
        Step{" "}
        <span ref={stepsRef} data-testid={`steps-${name}`}>
          0
        </span>
        :{" "}
        <span ref={lastStepRef} data-testid={`last-step-${name}`}>
          —
        </span>
      </p>
      <dl className="counters" ref={countersRef}>
        {(role === "writer" ? WRITER_COUNTERS : readerCounters(lock)).map(([label, field]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-counter={field} data-testid={`${COUNTER_IDS[field]}-${name}`}>
              0
            </dd>
          </div>
        ))}
      </dl>
      {role === "reader" && (
        <dl className="copy" ref={copyRef} aria-label={`Snapshot of ${name}`}>
          <div>
            <dt>seq at begin</dt>
            <dd>—</dd>
          </div>
          <div>
            <dt>copy so far</dt>
            <dd data-testid={`copy-${name}`}>[]</dd>
          </div>
          <div>
            <dt>last accepted</dt>
            <dd data-testid={`accepted-copy-${name}`}>—</dd>
          </div>
          <div>
            <dt>last discarded</dt>
            <dd data-testid={`discarded-${name}`}>—</dd>
          </div>
          <div>
            <dt>last torn accepted</dt>
            <dd data-testid={`torn-copy-${name}`} data-torn="false">
              none
            </dd>
          </div>
          <div className="values-row">
            <dt>values read</dt>
            <dd>
              <ol className="values" ref={valuesRef} data-testid={`values-${name}`}>
                {VALUE_CELLS.map((cell) => (
                  <li key={cell} />
                ))}
              </ol>
            </dd>
          </div>
        </dl>
      )}
    </article>
  );
}

export function ThreadLanes() {
  const config = useLab((s) => s.config);
  return (
    <section className="lanes" aria-label="Threads">
      {activeSlots(config).map((slot, i) => (
        <ThreadLane key={slot} slot={slot} position={i + 1} />
      ))}
    </section>
  );
}
