import { useAnimationFrame } from "framer-motion";
import { useRef } from "react";
import { Mode, slotName } from "../engine/layout";
import { describeStep } from "../lab/eventLog";
import { activeSlots, useLab } from "../lab/store";

/** Steps are narrated when a person can follow them: stepped threads, or a slow pace. */
const NARRATE_SLOWER_THAN_MS = 250;
const MIN_GAP_MS = 600;

/**
 * A polite live region that tells screen-reader users what the last step did ("W1: seq -> 3
 * (odd): writing value 2"), never faster than one announcement per 600 ms.
 */
export function Narrator() {
  const ref = useRef<HTMLParagraphElement>(null);
  const seen = useRef<Array<number | undefined>>([]);
  const last = useRef(0);
  useAnimationFrame((time) => {
    const { session, config, modes, speeds } = useLab.getState();
    if (!session || !ref.current || time - last.current < MIN_GAP_MS) return;
    for (const slot of activeSlots(config)) {
      const event = session.latest[slot];
      if (!event || seen.current[slot] === event.n) continue;
      seen.current[slot] = event.n;
      const followable = modes[slot] === Mode.pause || speeds[slot] >= NARRATE_SLOWER_THAN_MS;
      if (!followable) continue;
      const text = describeStep(event, undefined) ?? event.kind;
      ref.current.textContent = `${slotName(slot)}: ${text}`;
      last.current = time;
      return;
    }
  });
  return <p ref={ref} className="visually-hidden" aria-live="polite" data-testid="narrator" />;
}
