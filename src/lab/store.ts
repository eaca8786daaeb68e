/**
 * The one store (zustand): configuration and what changes at human speed (who is paused, who
 * failed, notices). Actions are plain functions callable from React, keyboard handlers and
 * tests alike. Per-step and per-frame data never enter the store: the UI samples the session
 * and the shared buffer once per animation frame instead.
 */
import { create } from "zustand";
import { minWords } from "../engine/catalog";
import {
  MAX_READERS,
  MAX_THREADS,
  MAX_WRITERS,
  Mode,
  readerSlot,
  slotName,
  writerSlot,
} from "../engine/layout";
import type { ReaderVariantId } from "../engine/programs";
import { baseConfig, DEFAULT_CONFIG, type LabConfig, serializeConfig, speedOfSlot } from "./config";
import { replay, stepAndWait } from "./replay";
import { SCENARIOS, type ScenarioId } from "./scenarios";
import { formatSchedule, parseSchedule } from "./schedule";
import { firstDivergence, type LabSession, type RecordedStep } from "./session";

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
  /** Steps loaded (pasted, linked, explored, a lesson's script) and not taken yet: after the cursor. */
  pending: number[];
  /** The pending steps are being played, one every `playMs` (0 = as fast as they land). */
  playing: boolean;
  playMs: number;
  /** What was wrong with the last schedule typed, pasted or linked. */
  scheduleError: string | null;
  /** A captured run being replayed: the steps the replay must reproduce, and how it went. */
  expected: RecordedStep[] | null;
  replayCheck: string | null;
  /** A replay (step back) is running: controls wait for it. */
  replaying: boolean;
  /** Every thread was stopped (the seed's rmmod); reset starts them again. */
  stopped: boolean;
  /** Bumped each time a lesson is opened: its questions are asked afresh. */
  lessonRun: number;
  /** The class has revealed the lesson's first answer (predict, then reveal). */
  lessonRevealed: boolean;
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
  pending: [],
  playing: false,
  playMs: 500,
  scheduleError: null,
  expected: null,
  replayCheck: null,
  replaying: false,
  stopped: false,
  lessonRun: 0,
  lessonRevealed: false,
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

/** The link to this page: set-up, and in scheduler mode the schedule and how far it got. */
export function shareQuery(state: LabState = get()): string {
  const steps = [...state.schedule, ...state.pending];
  if (!state.scheduler || steps.length === 0) return serializeConfig(state.config);
  const extra: Record<string, string> = { sched: formatSchedule(steps, true) };
  if (state.pending.length > 0) extra.at = String(state.schedule.length);
  return serializeConfig(state.config, extra);
}

function syncUrl(config: LabConfig): void {
  const query = shareQuery({ ...get(), config });
  window.history.replaceState(
    null,
    "",
    `${window.location.pathname}${query}${window.location.hash}`,
  );
}

/** Loads a configuration (from the URL at start-up) and starts a fresh session with it. */
export function loadConfig(config: LabConfig, notices: string[]): void {
  stopPlaying();
  set((s) => ({
    config,
    notices,
    generation: s.generation + 1,
    modes: initialModes(config),
    speeds: Array.from({ length: MAX_THREADS }, (_, slot) => speedOfSlot(config, slot)),
    failures: {},
    readySlots: [],
    stopped: false,
  }));
}

export function attachSession(session: LabSession | null): void {
  set({ session });
}

export function reset(): void {
  const { config, scheduler, replaying, schedule, pending } = get();
  if (replaying) return;
  // In scheduler mode reset rewinds: the same steps, cursor back at the start (a captured
  // run keeps being checked against its capture).
  if (scheduler) {
    const { expected } = get();
    enterScheduler([...schedule, ...pending]);
    set({ expected });
  } else loadConfig(config, get().notices);
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
  // While a replay plays, a step of one's own first pauses it (the step in flight lands).
  if (get().playing) {
    stopPlaying();
    return;
  }
  session.step(slot);
  if (scheduler) {
    // A step that is not the next loaded one leaves the loaded schedule behind.
    set((s) => ({
      schedule: [...s.schedule, slot],
      pending: s.pending[0] === slot ? s.pending.slice(1) : [],
    }));
    syncUrl(get().config);
  }
}

/** Starts scheduler mode on a fresh buffer, every thread paused, so the schedule replays. */
export function enterScheduler(pending: number[] = []): void {
  if (get().replaying) return;
  const config = { ...get().config, paused: true };
  loadConfig(config, get().notices);
  set({
    scheduler: true,
    schedule: [],
    pending,
    scheduleError: null,
    expected: null,
    replayCheck: null,
  });
  syncUrl(config);
}

export function exitScheduler(): void {
  if (get().replaying) return;
  stopPlaying();
  set({ scheduler: false, schedule: [], pending: [], expected: null, replayCheck: null });
  syncUrl(get().config);
}

let playToken = 0;
/** The replay loop last started: a new one waits for it, so two never step at once. */
let playLoop: Promise<void> = Promise.resolve();

/** Asks the running replay to stop after the step in flight; the loop clears `playing`. */
function stopPlaying(): void {
  playToken++;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Plays the loaded steps on the real threads, one at a time, each awaited until the thread
 * reports it landed, `ms` apart. Stops at `until` steps taken, when the steps run out, when
 * paused, or when the session is replaced. A new call takes over from a running one.
 */
export function playSchedule(ms = get().playMs, until = Number.POSITIVE_INFINITY): Promise<void> {
  const token = ++playToken;
  const previous = playLoop;
  playLoop = previous.then(() => (token === playToken ? runReplay(token, ms, until) : undefined));
  return playLoop;
}

async function runReplay(token: number, ms: number, until: number): Promise<void> {
  const start = get();
  if (!start.scheduler || start.replaying || start.pending.length === 0) return;
  set({ playing: true, playMs: ms });
  const session = start.session ?? (await nextSession(null));
  // Steps landed but not yet in the store: at full replay speed the cursor moves in the store
  // (and on screen) ten times a second, not once per step, so thousands of steps stay fast.
  let landed = 0;
  let shownAt = performance.now();
  const show = () => {
    if (landed === 0) return;
    const n = landed;
    landed = 0;
    shownAt = performance.now();
    set((s) => ({
      schedule: [...s.schedule, ...s.pending.slice(0, n)],
      pending: s.pending.slice(n),
    }));
  };
  try {
    const { pending, schedule } = get();
    for (let at = 0; at < pending.length && schedule.length + at < until; at++) {
      if (token !== playToken || get().session !== session) break;
      const slot = pending[at];
      if (!session.has(slot)) throw new Error(`${slotName(slot)} is not running`);
      await stepAndWait(session, slot);
      landed++;
      if (ms > 0 || performance.now() - shownAt > 100) show();
      // The pause between steps ends early when the replay is paused or taken over.
      const resumeAt = performance.now() + ms;
      while (at + 1 < pending.length && token === playToken && performance.now() < resumeAt) {
        await sleep(Math.min(20, resumeAt - performance.now()));
      }
    }
  } catch (error) {
    set((s) => ({ notices: [...s.notices, `The schedule stopped: ${String(error)}`] }));
  } finally {
    if (get().session === session) show();
    set({ playing: false });
    syncUrl(get().config);
  }
  await checkReplay(session);
}

/** A captured run's replay is checked against what the threads really did, step by step. */
async function checkReplay(session: LabSession): Promise<void> {
  const { expected } = get();
  if (!expected) return;
  // Step events travel by postMessage and may land a moment after the status word.
  await sleep(50);
  const divergence = firstDivergence(expected, session.history);
  const taken = get().schedule.length;
  set({
    replayCheck: divergence
      ? `The replay differs from the captured run at ${divergence}.`
      : `The replay matches the captured run: ${taken} of ${expected.length} steps, every step's sequence and value the same.`,
  });
}

/** Steps kept by a capture unless the user asks for fewer or more. */
export const CAPTURE_STEPS = 60;

/**
 * Free-run capture: the steps the slowed threads really took, in the order they took them
 * (their tickets in the global step order), become a schedule. Real threads cannot start mid-run, so the replay
 * starts from the beginning: everything before the last `last` steps is replayed at once and
 * the cursor stops where the captured window begins. Returns why it could not, or null.
 */
export async function captureRun(last = CAPTURE_STEPS): Promise<string | null> {
  const { session, replaying } = get();
  if (!session || replaying) return "The lab is not running.";
  if (session.historyIncomplete) {
    return "Capture needs every step: this run went full speed or past 20,000 steps. Reset, slow the threads down, and capture again.";
  }
  if (session.history.length === 0)
    return "No steps yet: let the slowed threads run, then capture.";
  const steps = [...session.history].sort((a, b) => a.order - b.order);
  const config = { ...get().config, paused: true };
  set({ config });
  const previous = session;
  enterScheduler(steps.map((s) => s.slot));
  set({ expected: steps });
  await nextSession(previous);
  await playSchedule(0, Math.max(0, steps.length - last));
  return null;
}

export function pauseSchedule(): void {
  stopPlaying();
}

/** The next loaded step, now. */
export function stepSchedule(): void {
  const { pending } = get();
  if (pending.length > 0) stepThread(pending[0]);
}

/**
 * Loads a typed, pasted or linked schedule: checked against the threads of this set-up, then
 * started on fresh threads with the cursor at the start. Returns the error, or null.
 */
export function loadSchedule(text: string): string | null {
  const parsed = parseSchedule(text, activeSlots(get().config));
  if (!parsed.ok) {
    set({ scheduleError: parsed.error });
    return parsed.error;
  }
  enterScheduler(parsed.steps);
  return null;
}

/** Opens a lesson: its set-up on fresh threads, and its script played step by step. */
export async function openScenario(id: ScenarioId | null): Promise<void> {
  if (get().replaying) return;
  const { projector, theme } = get().config;
  const config = { ...baseConfig(id), projector, theme };
  set((s) => ({
    scheduler: false,
    schedule: [],
    pending: [],
    scheduleError: null,
    lessonRun: s.lessonRun + 1,
    lessonRevealed: false,
  }));
  loadConfig(config, []);
  syncUrl(config);
  await runScenarioScript();
}

/**
 * A lesson's script, on the session just started for it: the set-up steps play now; the
 * reveal steps are loaded after the cursor and wait for the class's first answer.
 */
export async function runScenarioScript(): Promise<void> {
  const { config } = get();
  const script = config.scenario ? SCENARIOS[config.scenario].script : undefined;
  if (!script) return;
  const previous = get().session;
  const setup = parseSchedule(script.setup, activeSlots(config));
  if (!setup.ok) throw new Error(`lesson script: ${setup.error}`);
  enterScheduler(setup.steps);
  await nextSession(previous);
  await playSchedule(script.msPerStep);
  if (get().config.scenario !== config.scenario || get().pending.length > 0) return;
  if (script.reveal) {
    const reveal = parseSchedule(script.reveal, activeSlots(config));
    if (reveal.ok) set({ pending: reveal.steps });
    syncUrl(get().config);
  }
}

/**
 * The class revealed its first answer: now the lesson shows it on the threads. Its reveal
 * steps play, the threads it names run on, or, for a lesson that waited paused, all run.
 */
export async function revealScenario(): Promise<void> {
  const { config, lessonRevealed } = get();
  if (config.scenario === null || lessonRevealed) return;
  set({ lessonRevealed: true });
  const scenario = SCENARIOS[config.scenario];
  const script = scenario.script;
  if (script?.reveal && get().scheduler && get().pending.length > 0 && !get().playing) {
    await playSchedule(script.msPerStep);
  }
  if (script?.thenRun) {
    stopPlaying();
    set({ scheduler: false, schedule: [], pending: [] });
    setModes(
      activeSlots(get().config).filter((slot) => script.thenRun?.includes(slotName(slot))),
      Mode.run,
    );
    syncUrl(get().config);
  } else if (scenario.waitsForAnswer) runAll();
}

/** Stops every thread, as rmmod does: a writer inside finishes its critical section first. */
export function stopAll(): void {
  const { session } = get();
  if (!session || get().replaying) return;
  stopPlaying();
  session.stopAll();
  set({ stopped: true, scheduler: false, schedule: [], pending: [] });
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
  const pending = [...schedule.slice(-1), ...get().pending];
  set({ replaying: true });
  loadConfig({ ...config, paused: true }, get().notices);
  try {
    const fresh = await nextSession(session);
    await replay(fresh, target);
    set({ schedule: target, pending });
    syncUrl(get().config);
  } catch (error) {
    set((s) => ({ notices: [...s.notices, `Step back failed: ${String(error)}`] }));
  } finally {
    set({ replaying: false });
  }
}

export function scheduleText(schedule: readonly number[]): string {
  return formatSchedule(schedule);
}

/** Lock, variants and payload size are fixed per worker: changing them restarts the lab. */
export function setAlgorithm(
  change: Partial<
    Pick<
      LabConfig,
      "lock" | "writerVariant" | "readerVariant" | "words" | "readerMix" | "writerMix"
    >
  >,
): void {
  if (get().replaying) return;
  const config = { ...get().config, ...change };
  config.words = Math.max(config.words, minWords(config.lock));
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

export function addNotice(notice: string): void {
  set((s) => ({ notices: s.notices.includes(notice) ? s.notices : [...s.notices, notice] }));
}

export function dismissNotices(): void {
  set({ notices: [] });
}

let startedFromLink = false;

/**
 * After the first session exists: a linked schedule (`sched`, replayed to step `at`) or the
 * lesson's script. A bad schedule is reported and the lab stays usable with the set-up alone.
 */
export async function startFromLink(search: string): Promise<void> {
  if (startedFromLink) return;
  startedFromLink = true;
  const params = new URLSearchParams(search);
  const sched = params.get("sched");
  if (sched === null) {
    await runScenarioScript().catch((error: unknown) => {
      set((s) => ({ notices: [...s.notices, `The lesson's script failed: ${String(error)}`] }));
    });
    return;
  }
  const parsed = parseSchedule(sched, activeSlots(get().config));
  if (!parsed.ok) {
    set((s) => ({ notices: [...s.notices, `Ignored sched=: ${parsed.error}`] }));
    return;
  }
  let at = parsed.steps.length;
  const rawAt = params.get("at");
  if (rawAt !== null) {
    if (/^\d+$/.test(rawAt) && Number(rawAt) <= parsed.steps.length) at = Number(rawAt);
    else {
      set((s) => ({
        notices: [
          ...s.notices,
          `Ignored at=${JSON.stringify(rawAt)}: the schedule has ${parsed.steps.length} steps, replaying all of them.`,
        ],
      }));
    }
  }
  const previous = get().session;
  enterScheduler(parsed.steps);
  await nextSession(previous);
  await playSchedule(0, at);
}

/**
 * An explored interleaving, on real threads: the explorer's set-up (one writer, the reader
 * variant, its payload) on a fresh buffer, the schedule loaded, and played step by step.
 */
export function watchInterleaving(
  readerVariant: ReaderVariantId,
  readers: number,
  words: number,
  steps: number[],
): void {
  if (get().replaying) return;
  const config: LabConfig = {
    ...get().config,
    scenario: null,
    lock: "seqlock",
    writers: 1,
    readers,
    words,
    readerVariant,
    readerMix: [],
    writerVariant: "seqlock",
    writerMix: [],
    paused: true,
  };
  set({ config });
  const previous = get().session;
  enterScheduler(steps);
  void nextSession(previous).then(() => playSchedule(get().playMs));
  window.scrollTo({ top: 0, behavior: "smooth" });
}
