import { useAnimationFrame } from "framer-motion";
import { useRef } from "react";
import { type LockKind, wordLabel } from "../engine/catalog";
import { FREED } from "../engine/kernel";
import { DATA, LOCK, MAX_WRITERS, Mode, slotName } from "../engine/layout";

const MEMORY_HINT: Partial<Record<LockKind, string>> = {
  seqlock: "Each write stores the same new value in every word; a copy whose words differ is torn.",
  pointer:
    "sl.ptr is the index of the live table entry; the writer fills a fresh entry, moves sl.ptr, and frees the old one.",
  latch:
    "Two copies of the data: while the sequence is odd the writer updates copy 0 and readers use copy 1, then the other way round.",
};

import { activeSlots, useLab } from "../lab/store";
import { dueForRedraw, setData, setDigits, setText } from "./dom";

/**
 * The lock word and the payload words, sampled once per frame. A word lights up when a writer's
 * latest reported step wrote it, so a half-written payload is visible word by word.
 */
export function MemoryPanel() {
  const words = useLab((s) => s.config.words);
  const lock = useLab((s) => s.config.lock);
  const lockRef = useRef<HTMLSpanElement>(null);
  const cellRefs = useRef<Array<HTMLSpanElement | null>>([]);

  const redrawn = useRef({ at: 0 });

  useAnimationFrame((time) => {
    const { session, config, modes, speeds } = useLab.getState();
    if (!session) return;
    const fullSpeed = activeSlots(config).every((s) => modes[s] === Mode.run && speeds[s] === 0);
    if (!dueForRedraw(fullSpeed, time, redrawn.current)) return;
    const i32 = session.mem.i32;
    const holder = Atomics.load(i32, LOCK) - 1;
    setText(lockRef.current, holder < 0 ? "free" : `held by ${slotName(holder)}`);
    setData(lockRef.current, "held", holder < 0 ? "false" : "true");

    let litWord = -1;
    for (let w = 0; w < MAX_WRITERS; w++) {
      const event = session.latest[w];
      if (event?.kind === "write-word" && event.word >= 0) litWord = event.word;
    }
    for (let k = 0; k < session.mem.words; k++) {
      const cell = cellRefs.current[k];
      const raw = Atomics.load(i32, DATA + k);
      const value = lock === "pointer" && raw === FREED ? "freed" : String(raw);
      setText(cell, value);
      setDigits(cell, value);
      setData(cell, "lit", k === litWord ? "true" : "false");
    }
  });

  return (
    <div className="memory">
      <h2>Shared memory</h2>
      <dl className="lock">
        <dt>
          <code>sl.lock</code>
        </dt>
        <dd>
          <span ref={lockRef} data-testid="lock-state" data-held="false">
            free
          </span>
        </dd>
      </dl>
      <fieldset className="words">
        <legend>Payload words sl.data</legend>
        {Array.from({ length: words }, (_, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a word's index is its identity
          <div className="word" key={k}>
            <span className="word-name">
              <code>{wordLabel(lock, k, words)}</code>
            </span>
            <span
              className="word-value"
              data-testid={`word-${k}`}
              data-lit="false"
              ref={(el) => {
                cellRefs.current[k] = el;
              }}
            >
              0
            </span>
          </div>
        ))}
      </fieldset>
      <p className="hint">{MEMORY_HINT[lock] ?? MEMORY_HINT.seqlock}</p>
    </div>
  );
}
