/**
 * The lab's configuration and its URL form. A link reproduces a set-up, so every parameter is
 * validated here: out-of-range numbers are clamped, unknown values and parameters are ignored,
 * and each such decision comes back as a notice the page shows. Parsing never throws.
 */
import { isLockKind, type LockKind, minWords } from "../engine/catalog";
import {
  MAX_READERS,
  MAX_WORDS,
  MAX_WRITERS,
  MIN_WORDS,
  readerSlot,
  roleOfSlot,
  slotName,
  writerSlot,
} from "../engine/layout";
import {
  isReaderVariant,
  isWriterVariant,
  type ReaderVariantId,
  type VariantId,
  type WriterVariantId,
} from "../engine/programs";
import { isScenarioId, SCENARIOS, type ScenarioId } from "./scenarios";

export interface LabConfig {
  /** The lock every thread uses: the seqlock, or a lock it is compared with. */
  lock: LockKind;
  writers: number;
  readers: number;
  words: number;
  /** Milliseconds between steps for every thread; 0 = full speed. */
  speedMs: number;
  writerVariant: WriterVariantId;
  readerVariant: ReaderVariantId;
  /**
   * Per-thread variants (`rv=seqlock,no-recheck`): reader i runs readerMix[i], the last entry
   * repeating; empty = every reader runs `readerVariant`. Likewise for writers.
   */
  readerMix: ReaderVariantId[];
  writerMix: WriterVariantId[];
  /** Per-slot speed where a scenario sets one (the seed's reader reads once a second). */
  threadSpeedMs: Record<number, number>;
  /** The lesson this set-up belongs to, or null for free play. */
  scenario: ScenarioId | null;
  /** Start with every thread paused (the teacher steps them). */
  paused: boolean;
  /** While slowed, the writer's rest() lasts this many extra steps. */
  restSteps: number;
  /** While slowed, a reader sleeps this many step delays after each accepted read. */
  readerRestSteps: number;
  /**
   * Fault drill: this thread slot throws after this many steps (`fail=W1:5`). For showing,
   * and testing, what happens when a thread dies — possibly holding the lock.
   */
  fail: { slot: number; afterSteps: number } | null;
  /** Large type and high contrast for a projector. */
  projector: boolean;
  theme: Theme;
}

export type Theme = "auto" | "light" | "dark";
const THEMES: readonly Theme[] = ["auto", "light", "dark"];

export const DEFAULT_CONFIG: LabConfig = {
  lock: "seqlock",
  writers: 1,
  readers: 2,
  words: 4,
  speedMs: 500,
  writerVariant: "seqlock",
  readerVariant: "seqlock",
  readerMix: [],
  writerMix: [],
  threadSpeedMs: {},
  scenario: null,
  paused: false,
  restSteps: 8,
  readerRestSteps: 0,
  fail: null,
  projector: false,
  theme: "auto",
};
export const MAX_REST_STEPS = 100;

/** Speeds offered by the speed control, slowest first; 0 is full speed. */
export const SPEED_PRESETS_MS = [2000, 1000, 500, 250, 100, 50, 10, 1, 0] as const;
export const MAX_SPEED_MS = 5000;

export function speedLabel(ms: number): string {
  if (ms === 0) return "full speed";
  if (ms >= 1000) return `${ms / 1000} s per step`;
  return `${ms} ms per step`;
}

export interface ParsedConfig {
  config: LabConfig;
  notices: string[];
}

export const KNOWN_PARAMETERS: ReadonlySet<string> = new Set([
  "scenario",
  "sched",
  "at",
  "w",
  "r",
  "words",
  "speed",
  "wv",
  "rv",
  "paused",
  "rest",
  "view",
  "theme",
  "lock",
  "fail",
  "v",
  "coi",
]);

/** The version of the link format written by serializeConfig. */
export const LINK_VERSION = 1;

function parseInteger(
  params: URLSearchParams,
  key: string,
  label: string,
  min: number,
  max: number,
  fallback: number,
  notices: string[],
): number {
  const raw = params.get(key);
  if (raw === null) return fallback;
  const trimmed = raw.trim();
  if (!/^-?\d+$/.test(trimmed)) {
    notices.push(`Ignored ${key}=${JSON.stringify(raw)}: ${label} must be a whole number.`);
    return fallback;
  }
  const value = Number(trimmed);
  if (value < min || value > max) {
    const clamped = Math.min(max, Math.max(min, value));
    notices.push(`${key}=${trimmed} is out of range: ${label} is ${min}–${max}, using ${clamped}.`);
    return clamped;
  }
  return value;
}

/** `rv=seqlock` or `rv=seqlock,no-recheck,...` (one per thread, the last repeating). */
function parseVariants<T extends VariantId>(
  params: URLSearchParams,
  key: string,
  role: string,
  max: number,
  isVariant: (id: string) => id is T,
  notices: string[],
): T[] | null {
  const raw = params.get(key);
  if (raw === null) return null;
  const ids = raw.split(",").map((id) => id.trim());
  const bad = ids.find((id) => !isVariant(id));
  if (bad !== undefined || ids.length > max) {
    notices.push(
      bad !== undefined
        ? `Ignored ${key}=${JSON.stringify(raw)}: ${JSON.stringify(bad)} is not a ${role} variant.`
        : `Ignored ${key}=${JSON.stringify(raw)}: at most ${max} ${role} variants.`,
    );
    return null;
  }
  return ids.filter(isVariant);
}

/** The variant the thread in `slot` runs. */
export function variantOfSlot(config: LabConfig, slot: number): VariantId {
  if (roleOfSlot(slot) === "writer") {
    const mix = config.writerMix;
    return mix.length ? mix[Math.min(slot - writerSlot(0), mix.length - 1)] : config.writerVariant;
  }
  const mix = config.readerMix;
  return mix.length ? mix[Math.min(slot - readerSlot(0), mix.length - 1)] : config.readerVariant;
}

/** The speed the thread in `slot` starts with. */
export function speedOfSlot(config: LabConfig, slot: number): number {
  return config.threadSpeedMs[slot] ?? config.speedMs;
}

/** The configuration a scenario starts from (the defaults for free play). */
export function baseConfig(scenario: ScenarioId | null): LabConfig {
  if (scenario === null) return { ...DEFAULT_CONFIG };
  return { ...DEFAULT_CONFIG, ...SCENARIOS[scenario].preset, scenario };
}

export function parseConfig(search: string): ParsedConfig {
  const notices: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { config: { ...DEFAULT_CONFIG }, notices: ["The link's parameters could not be read."] };
  }
  const scenario = params.get("scenario");
  let scenarioId: ScenarioId | null = null;
  if (scenario !== null) {
    if (isScenarioId(scenario)) scenarioId = scenario;
    else notices.push(`Ignored scenario=${JSON.stringify(scenario)}: no such lesson.`);
  }
  const config = baseConfig(scenarioId);
  config.writers = parseInteger(params, "w", "writers", 1, MAX_WRITERS, config.writers, notices);
  config.readers = parseInteger(params, "r", "readers", 1, MAX_READERS, config.readers, notices);
  config.words = parseInteger(
    params,
    "words",
    "payload words",
    MIN_WORDS,
    MAX_WORDS,
    config.words,
    notices,
  );
  const speed = params.get("speed");
  if (speed === "full") config.speedMs = 0;
  else
    config.speedMs = parseInteger(
      params,
      "speed",
      "ms per step",
      0,
      MAX_SPEED_MS,
      config.speedMs,
      notices,
    );
  config.restSteps = parseInteger(
    params,
    "rest",
    "writer rest steps",
    0,
    MAX_REST_STEPS,
    config.restSteps,
    notices,
  );
  const lock = params.get("lock");
  if (lock !== null) {
    if (isLockKind(lock)) config.lock = lock;
    else
      notices.push(
        `Ignored lock=${JSON.stringify(lock)}: use seqlock, mutex, rwlock, or-lock, latch or pointer.`,
      );
  }
  const wv = parseVariants(params, "wv", "writer", MAX_WRITERS, isWriterVariant, notices);
  if (wv) {
    config.writerVariant = wv[0];
    config.writerMix = wv.length > 1 ? wv : [];
  }
  const rv = parseVariants(params, "rv", "reader", MAX_READERS, isReaderVariant, notices);
  if (rv) {
    config.readerVariant = rv[0];
    config.readerMix = rv.length > 1 ? rv : [];
  }
  const fewest = minWords(config.lock);
  if (config.words < fewest) {
    notices.push(
      `The ${config.lock} lesson needs at least ${fewest} payload words, using ${fewest}.`,
    );
    config.words = fewest;
  }
  const paused = params.get("paused");
  if (paused !== null) {
    if (paused === "1" || paused === "0") config.paused = paused === "1";
    else notices.push(`Ignored paused=${JSON.stringify(paused)}: use 1 or 0.`);
  }
  const view = params.get("view");
  if (view !== null) {
    if (view === "projector" || view === "standard") config.projector = view === "projector";
    else notices.push(`Ignored view=${JSON.stringify(view)}: use projector or standard.`);
  }
  const theme = params.get("theme");
  if (theme !== null) {
    const known = THEMES.find((t) => t === theme);
    if (known) config.theme = known;
    else notices.push(`Ignored theme=${JSON.stringify(theme)}: use auto, light or dark.`);
  }
  const fail = params.get("fail");
  if (fail !== null) {
    const match = /^([WR])([1-8]):(\d{1,6})$/i.exec(fail.trim());
    const index = match ? Number(match[2]) - 1 : -1;
    const writer = match?.[1].toUpperCase() === "W";
    if (!match || (writer && index >= MAX_WRITERS)) {
      notices.push(
        `Ignored fail=${JSON.stringify(fail)}: use a thread and a step count, e.g. fail=W1:5.`,
      );
    } else {
      config.fail = { slot: writer ? index : MAX_WRITERS + index, afterSteps: Number(match[3]) };
    }
  }
  const version = params.get("v");
  if (version !== null && version !== String(LINK_VERSION)) {
    notices.push(
      /^\d+$/.test(version) && Number(version) > LINK_VERSION
        ? `This link was made by a newer Seqlock Lab (format ${version}); settings this version does not know were ignored.`
        : `Ignored v=${JSON.stringify(version)}: not a link format this version knows.`,
    );
  }
  // sched= itself is read once the lab runs (it needs the threads); at= means nothing without it.
  const at = params.get("at");
  if (at !== null && params.get("sched") === null) {
    notices.push(`Ignored at=${JSON.stringify(at)}: there is no schedule (sched=) to replay.`);
  }
  const coi = params.get("coi");
  if (coi !== null && coi !== "0" && coi !== "1") {
    notices.push(
      `Ignored coi=${JSON.stringify(coi)}: use coi=0 to turn the isolation fallback off.`,
    );
  }
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (seen.has(key) && KNOWN_PARAMETERS.has(key)) {
      notices.push(
        `Ignored the repeated ${key}=${JSON.stringify(value)}: the first ${key} is used.`,
      );
    }
    seen.add(key);
  }
  for (const key of seen) {
    if (!KNOWN_PARAMETERS.has(key))
      notices.push(`Ignored unknown parameter ${JSON.stringify(key)}.`);
  }
  return { config, notices };
}

/** The query string for a configuration; defaults are left out to keep links short. */
export function serializeConfig(config: LabConfig, extra?: Record<string, string>): string {
  const params = new URLSearchParams();
  params.set("v", String(LINK_VERSION));
  // A scenario's link carries only what differs from the scenario's own set-up.
  const base = baseConfig(config.scenario);
  if (config.scenario) params.set("scenario", config.scenario);
  if (config.lock !== base.lock) params.set("lock", config.lock);
  if (config.writers !== base.writers) params.set("w", String(config.writers));
  if (config.readers !== base.readers) params.set("r", String(config.readers));
  if (config.words !== base.words) params.set("words", String(config.words));
  if (config.speedMs !== base.speedMs)
    params.set("speed", config.speedMs === 0 ? "full" : String(config.speedMs));
  const wv = config.writerMix.length ? config.writerMix : [config.writerVariant];
  const baseWv = base.writerMix.length ? base.writerMix : [base.writerVariant];
  if (wv.join() !== baseWv.join()) params.set("wv", wv.join(","));
  const rv = config.readerMix.length ? config.readerMix : [config.readerVariant];
  const baseRv = base.readerMix.length ? base.readerMix : [base.readerVariant];
  if (rv.join() !== baseRv.join()) params.set("rv", rv.join(","));
  if (config.paused !== base.paused) params.set("paused", config.paused ? "1" : "0");
  if (config.restSteps !== base.restSteps) params.set("rest", String(config.restSteps));
  if (config.projector) params.set("view", "projector");
  if (config.theme !== base.theme) params.set("theme", config.theme);
  if (config.fail) params.set("fail", `${slotName(config.fail.slot)}:${config.fail.afterSteps}`);
  for (const [key, value] of Object.entries(extra ?? {})) params.set(key, value);
  // The format version only matters when there is something to read.
  if ([...params.keys()].length === 1) params.delete("v");
  const query = params.toString();
  return query ? `?${query}` : "";
}
