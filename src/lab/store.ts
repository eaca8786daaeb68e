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
  writerSlot,
} from "../engine/layout";
import { DEFAULT_CONFIG, type LabConfig, serializeConfig } from "./config";
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
  const { config } = get();
  loadConfig(config, get().notices);
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
  const config = { ...get().config, paused: false };
  set({ config });
  setModes(activeSlots(config), Mode.run);
  syncUrl(config);
}

export function allPaused(state: LabState): boolean {
  return activeSlots(state.config).every((slot) => state.modes[slot] === Mode.pause);
}

export function togglePause(slot: number): void {
  setModes([slot], get().modes[slot] === Mode.pause ? Mode.run : Mode.pause);
}

export function stepThread(slot: number): void {
  const { session, modes } = get();
  if (!session || modes[slot] !== Mode.pause) return;
  session.step(slot);
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
  const { session, config, modes, speeds } = get();
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
