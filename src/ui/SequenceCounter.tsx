import { useAnimateMini, useAnimationFrame, useReducedMotion } from "framer-motion";
import { useRef } from "react";
import { SEQ } from "../engine/layout";
import { useLab } from "../lab/store";
import { setData, setDigits, setText } from "./dom";

/** Below this interval between changes the number just updates: a flicker teaches nothing. */
const MIN_ANIMATION_GAP_MS = 120;

/** The sequence counter, sampled from the shared buffer once per frame. */
export function SequenceCounter() {
  const [scope, animate] = useAnimateMini<HTMLDivElement>();
  const valueRef = useRef<HTMLSpanElement>(null);
  const parityRef = useRef<HTMLSpanElement>(null);
  const explainRef = useRef<HTMLParagraphElement>(null);
  const last = useRef({ seq: -1, at: 0 });
  const reducedMotion = useReducedMotion();

  useAnimationFrame((time) => {
    const session = useLab.getState().session;
    if (!session) return;
    const seq = Atomics.load(session.mem.i32, SEQ);
    if (seq === last.current.seq) return;
    const gap = time - last.current.at;
    last.current = { seq, at: time };
    const odd = (seq & 1) === 1;
    setText(valueRef.current, String(seq));
    setDigits(valueRef.current, String(seq));
    setData(scope.current, "parity", odd ? "odd" : "even");
    setText(parityRef.current, odd ? "odd" : "even");
    setText(
      explainRef.current,
      odd ? "A writer is inside: the data may be inconsistent." : "Stable: no write in progress.",
    );
    if (!reducedMotion && gap > MIN_ANIMATION_GAP_MS && valueRef.current) {
      animate(valueRef.current, { transform: ["scale(1.25)", "scale(1)"] }, { duration: 0.3 });
    }
  });

  return (
    <div ref={scope} className="sequence" data-parity="even" data-testid="sequence">
      <h2>Sequence</h2>
      <span className="sequence-value" ref={valueRef} data-testid="seq-value">
        0
      </span>
      <span className="parity" ref={parityRef} data-testid="seq-parity">
        even
      </span>
      <p className="parity-explain" ref={explainRef}>
        Stable: no write in progress.
      </p>
    </div>
  );
}
