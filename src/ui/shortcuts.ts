/**
 * Keyboard shortcuts: one table, used by the key handler and shown by the help overlay.
 * Digits address threads in the order their lanes are shown (writers, then readers).
 */
import { SPEED_PRESETS_MS } from "../lab/config";
import {
  activeSlots,
  allPaused,
  enterScheduler,
  exitScheduler,
  pauseAll,
  reset,
  runAll,
  setHelpOpen,
  setSpeedAll,
  setView,
  stepBack,
  stepSchedule,
  stepThread,
  togglePause,
  useLab,
} from "../lab/store";

export interface Shortcut {
  keys: string;
  does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: "Space", does: "run or pause all threads" },
  { keys: "1 – 9", does: "step the n-th thread (paused threads; the scheduler's pick)" },
  { keys: "Shift + 1 – 9", does: "pause or resume the n-th thread" },
  { keys: "S", does: "enter or leave scheduler mode" },
  { keys: "Backspace", does: "step back (scheduler mode: restart and replay)" },
  { keys: "N", does: "next step of a loaded schedule" },
  { keys: "+ / −", does: "faster / slower (all threads)" },
  { keys: "R", does: "reset: fresh buffer, fresh threads" },
  { keys: "P", does: "projector mode on or off" },
  { keys: "T", does: "theme: auto, light, dark" },
  { keys: "?", does: "this help" },
];

const DIGIT_CODES = [
  "Digit1",
  "Digit2",
  "Digit3",
  "Digit4",
  "Digit5",
  "Digit6",
  "Digit7",
  "Digit8",
  "Digit9",
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
}

function changeSpeed(faster: boolean): void {
  const current = useLab.getState().config.speedMs;
  const presets: number[] = [...SPEED_PRESETS_MS];
  let index = presets.indexOf(current);
  if (index < 0) index = presets.findIndex((ms) => ms !== 0 && ms < current);
  if (index < 0) index = presets.length - 1;
  const next = Math.min(presets.length - 1, Math.max(0, index + (faster ? 1 : -1)));
  setSpeedAll(presets[next]);
}

/** Handles one keydown; returns true when it was a shortcut. */
export function handleShortcut(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return false;
  const state = useLab.getState();
  if (state.helpOpen) return false; // the dialog handles its own keys
  const digit = DIGIT_CODES.indexOf(event.code);
  if (digit >= 0) {
    const slot = activeSlots(state.config)[digit];
    if (slot === undefined) return true;
    if (event.shiftKey) togglePause(slot);
    else stepThread(slot);
    return true;
  }
  switch (event.key) {
    case " ":
      if (event.target instanceof HTMLButtonElement) return false;
      if (allPaused(state)) runAll();
      else pauseAll();
      return true;
    case "s":
    case "S":
      if (state.scheduler) exitScheduler();
      else enterScheduler();
      return true;
    case "Backspace":
      void stepBack();
      return true;
    case "n":
    case "N":
      stepSchedule();
      return true;
    case "+":
    case "=":
      changeSpeed(true);
      return true;
    case "-":
    case "_":
      changeSpeed(false);
      return true;
    case "r":
    case "R":
      reset();
      return true;
    case "p":
    case "P":
      setView({ projector: !state.config.projector });
      return true;
    case "t":
    case "T": {
      const order = ["auto", "light", "dark"] as const;
      setView({ theme: order[(order.indexOf(state.config.theme) + 1) % order.length] });
      return true;
    }
    case "?":
      setHelpOpen(true);
      return true;
    default:
      return false;
  }
}
