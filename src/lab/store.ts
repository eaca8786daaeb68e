/**
 * The one store (zustand): configuration and what changes at human speed (who is paused, who
 * failed, notices). Actions are plain functions callable from React, keyboard handlers and
 * tests alike. Per-step and per-frame data never enter the store: the UI samples the session
 * and the shared buffer once per animation frame instead.
 */
import { create } from "zustand";
import {
  MAX_READERS,
  MAX_THREADS,
  MAX_WRITERS,
  Mode,
  readerSlot,
  slotName,
  writerSlot,
} from "../engine/layout";
import { DEFAULT_CONFIG, type LabConfig, serializeConfig } from "./config";
import { replay } from "./replay";
import type { LabSession } from "./session";

export interface LabState {
  config: LabConfig;
  notices: string[];
  /** Bumped by reset: the host effect disposes the session and starts a fresh one. */
  generation: number;
  session: LabSession | null;
  modes: Mode[];
  speeds: number[];
  failures: Record<number, string>;
  readySlots: number[];
  /** Scheduler mode: every thread waits; each step the user gives is recorded here. */
  scheduler: boolean;
  schedule: number[];
  /** A replay (step back) is running: controls wait for it. */
  replaying: boolean;
  helpOpen: boolean;
}

function initialModes(config: LabConfig): Mode[] {
  return new Array<Mode>(MAX_THREADS).fill(config.paused ? Mode.pause : Mode.run);
}

export const useLab = create<LabState>()(() => ({
  config: DEFAULT_CONFIG,
  notices: [],
  generation: 0,
  session: null,
  modes: initialModes(DEFAULT_CONFIG),
  speeds: new Array<number>(MAX_THREADS).fill(DEFAULT_CONFIG.speedMs),
  failures: {},
  readySlots: [],
  scheduler: false,
  schedule: [],
  replaying: false,
  helpOpen: false,
}));

const get = useLab.getState;
const set = useLab.setState;

export function writerSlots(config: LabConfig): number[] {
  return Array.from({ length: config.writers }, (_, w) => writerSlot(w));
}

export function readerSlots(config: LabConfig): number[] {
  return Array.from({ length: config.readers }, (_, r) => readerSlot(r));
}

export function activeSlots(config: LabConfig): number[] {
  return [...writerSlots(config), ...readerSlots(config)];
}

function syncUrl(config: LabConfig): void {
  const url = `${window.location.pathname}${serializeConfig(config)}${window.location.hash}`;
  window.history.replaceState(null, "", url);
}

/** Loads a configuration (from the URL at start-up) and starts a fresh session with it. */
export function loadConfig(config: LabConfig, notices: string[]): void {
  set((s) => ({
    config,
    notices,
    generation: s.generation + 1,
    modes: initialModes(config),
    speeds: new Array<number>(MAX_THREADS).fill(config.speedMs),
    failures: {},
    readySlots: [],
  }));
}

export function attachSession(session: LabSession | null): void {
  set({ session });
}

export function reset(): void {
  const { config, scheduler, replaying } = get();
  if (replaying) return;
  if (scheduler) enterScheduler();
  else loadConfig(config, get().notices);
}

/** After a thread failed: start afresh, without the fault drill that may have caused it. */
export function restartAfterFailure(): void {
  const config = { ...get().config, fail: null };
  set({ config });
  syncUrl(config);
  reset();
}

export function markReady(slot: number): void {
  set((s) => ({
    readySlots: s.readySlots.includes(slot) ? s.readySlots : [...s.readySlots, slot],
  }));
}

export function markFailed(slot: number, message: string): void {
  set((s) => ({
    failures: { ...s.failures, [slot]: message },
    readySlots: s.readySlots.filter((x) => x !== slot),
  }));
}

function setModes(slots: number[], mode: Mode): void {
  const { session } = get();
  if (!session) return;
  const modes = [...get().modes];
  for (const slot of slots) {
    session.setMode(slot, mode);
    modes[slot] = mode;
  }
  set({ modes });
}

export function pauseAll(): void {
  const config = { ...get().config, paused: true };
  set({ config });
  setModes(activeSlots(config), Mode.pause);
  syncUrl(config);
}

export function runAll(): void {
  if (get().replaying) return;
  const config = { ...get().config, paused: false };
  set({ config, scheduler: false });
  setModes(activeSlots(config), Mode.run);
  syncUrl(config);
}

export function allPaused(state: LabState): boolean {
  return activeSlots(state.config).every((slot) => state.modes[slot] === Mode.pause);
}

export function togglePause(slot: number): void {
  const { scheduler, replaying, modes } = get();
  if (scheduler || replaying) return;
  setModes([slot], modes[slot] === Mode.pause ? Mode.run : Mode.pause);
}

/** One step of a paused thread; in scheduler mode the step is recorded in the schedule. */
export function stepThread(slot: number): void {
  const { session, modes, scheduler, replaying } = get();
  if (!session?.has(slot) || modes[slot] !== Mode.pause || replaying) return;
  session.step(slot);
  if (scheduler) set((s) => ({ schedule: [...s.schedule, slot] }));
}

/** Starts scheduler mode on a fresh buffer, every thread paused, so the schedule replays. */
export function enterScheduler(): void {
  if (get().replaying) return;
  const config = { ...get().config, paused: true };
  loadConfig(config, get().notices);
  set({ scheduler: true, schedule: [] });
  syncUrl(config);
}

export function exitScheduler(): void {
  if (get().replaying) return;
  set({ scheduler: false, schedule: [] });
}

async function nextSession(previous: LabSession | null): Promise<LabSession> {
  for (let waited = 0; waited < 10_000; waited += 10) {
    const { session } = get();
    if (session && session !== previous) return session;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("the lab did not restart");
}

/**
 * Undo is impossible on real threads, so "step back" restarts them on a fresh buffer and
 * replays the schedule up to the step before the last.
 */
export async function stepBack(): Promise<void> {
  const { schedule, scheduler, replaying, session, config } = get();
  if (!scheduler || replaying || schedule.length === 0) return;
  const target = schedule.slice(0, -1);
  set({ replaying: true });
  loadConfig({ ...config, paused: true }, get().notices);
  try {
    const fresh = await nextSession(session);
    await replay(fresh, target);
    set({ schedule: target });
  } catch (error) {
    set((s) => ({ notices: [...s.notices, `Step back failed: ${String(error)}`] }));
  } finally {
    set({ replaying: false });
  }
}

export function scheduleText(schedule: readonly number[]): string {
  return schedule.map(slotName).join(" ");
}

/** Lock, variants and payload size are fixed per worker: changing them restarts the lab. */
export function setAlgorithm(
  change: Partial<Pick<LabConfig, "lock" | "writerVariant" | "readerVariant" | "words">>,
): void {
  if (get().replaying) return;
  const config = { ...get().config, ...change };
  if (get().scheduler) {
    set({ config });
    enterScheduler();
    return;
  }
  loadConfig(config, get().notices);
  syncUrl(config);
}

export function setHelpOpen(open: boolean): void {
  set({ helpOpen: open });
}

export function setView(view: Partial<Pick<LabConfig, "projector" | "theme">>): void {
  const config = { ...get().config, ...view };
  set({ config });
  syncUrl(config);
}

export function setSpeedAll(ms: number): void {
  const { session } = get();
  const config = { ...get().config, speedMs: ms };
  for (const slot of activeSlots(config)) session?.setSpeed(slot, ms);
  set({ config, speeds: new Array<number>(MAX_THREADS).fill(ms) });
  syncUrl(config);
}

export function setSpeed(slot: number, ms: number): void {
  get().session?.setSpeed(slot, ms);
  const speeds = [...get().speeds];
  speeds[slot] = ms;
  set({ speeds });
}

/** Adds or removes threads of one role while the others keep running. */
export function setThreadCount(role: "writer" | "reader", count: number): void {
  const { session, config, modes, speeds, replaying } = get();
  if (replaying) return;
  const max = role === "writer" ? MAX_WRITERS : MAX_READERS;
  const target = Math.min(max, Math.max(1, Math.round(count)));
  const current = role === "writer" ? config.writers : config.readers;
  const slotOf = role === "writer" ? writerSlot : readerSlot;
  const nextModes = [...modes];
  for (let i = current; i < target; i++) {
    const slot = slotOf(i);
    const mode = config.paused ? Mode.pause : Mode.run;
    nextModes[slot] = mode;
    session?.spawn(slot, mode);
    session?.setSpeed(slot, speeds[slot]);
  }
  const retired: number[] = [];
  for (let i = current - 1; i >= target; i--) {
    session?.retire(slotOf(i));
    retired.push(slotOf(i));
  }
  const next = role === "writer" ? { ...config, writers: target } : { ...config, readers: target };
  if (get().scheduler) {
    // The schedule must replay from a fresh buffer with the same threads: start it over.
    set({ config: next });
    enterScheduler();
    return;
  }
  set((s) => ({
    config: next,
    modes: nextModes,
    readySlots: s.readySlots.filter((slot) => !retired.includes(slot)),
  }));
  syncUrl(next);
}

export function dismissNotices(): void {
  set({ notices: [] });
}
