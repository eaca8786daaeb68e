/**
 * Schedules as text: the order in which threads take their steps, e.g. `W1 W1 R1*3 W1`.
 *
 * A token names a thread (W1–W4, R1–R8) and may repeat it (`R1*3`). Tokens are separated by
 * spaces, commas or `+` (a space in a URL). Parsing never throws: it returns the steps or the
 * first bad token with its position, so a pasted schedule or a link can say exactly what is
 * wrong. Formatting compresses runs, which keeps links short.
 */
import { MAX_READERS, MAX_WRITERS, readerSlot, slotName, writerSlot } from "../engine/layout";

/** Longest schedule a link or a paste may carry: far more than a lesson needs. */
export const MAX_SCHEDULE_STEPS = 10_000;
const MAX_REPEAT = 999;

export type ParsedSchedule =
  | { ok: true; steps: number[] }
  | { ok: false; error: string; token: string; index: number };

export function parseSchedule(text: string, threads?: readonly number[]): ParsedSchedule {
  const tokens = text.split(/[\s,+]+/).filter((t) => t.length > 0);
  const steps: number[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    const bad = (why: string): ParsedSchedule => ({
      ok: false,
      error: `Step token ${index + 1}, ${JSON.stringify(token)}: ${why}`,
      token,
      index,
    });
    const match = /^([WRwr])(\d{1,2})(?:\*(\d{1,4}))?$/.exec(token);
    if (!match) return bad("expected a thread such as W1 or R2, optionally repeated as R2*3.");
    const writer = match[1].toUpperCase() === "W";
    const n = Number(match[2]);
    const max = writer ? MAX_WRITERS : MAX_READERS;
    if (n < 1 || n > max) return bad(`${writer ? "writers" : "readers"} are numbered 1–${max}.`);
    const slot = writer ? writerSlot(n - 1) : readerSlot(n - 1);
    if (threads && !threads.includes(slot)) {
      return bad(`there is no ${slotName(slot)} in this set-up.`);
    }
    const repeat = match[3] === undefined ? 1 : Number(match[3]);
    if (repeat < 1 || repeat > MAX_REPEAT) return bad(`a repeat must be 1–${MAX_REPEAT}.`);
    if (steps.length + repeat > MAX_SCHEDULE_STEPS) {
      return bad(`a schedule holds at most ${MAX_SCHEDULE_STEPS} steps.`);
    }
    for (let i = 0; i < repeat; i++) steps.push(slot);
  }
  return { ok: true, steps };
}

/** Readable text; runs of one thread are written `R1*3` when `compact`. */
export function formatSchedule(steps: readonly number[], compact = false): string {
  if (!compact) return steps.map(slotName).join(" ");
  const out: string[] = [];
  for (let i = 0; i < steps.length; ) {
    let j = i + 1;
    while (j < steps.length && steps[j] === steps[i]) j++;
    out.push(j - i > 1 ? `${slotName(steps[i])}*${j - i}` : slotName(steps[i]));
    i = j;
  }
  return out.join(" ");
}
