/**
 * Live throughput: counters sampled from the shared buffer four times a second and turned into
 * per-thread and total rates, with the last half minute of totals kept for the chart. Plain
 * data, read by the UI's samplers; nothing here renders.
 */
import { C, type LabMemory, readCounter, roleOfSlot } from "../engine/layout";

export const SAMPLE_MS = 250;
export const HISTORY = 120; // 30 s at 4 samples a second

export interface Rates {
  readsPerSec: number;
  acceptedPerSec: number;
  retriesPerSec: number;
  writesPerSec: number;
  torn: number;
}

const zero = (): Rates => ({
  readsPerSec: 0,
  acceptedPerSec: 0,
  retriesPerSec: 0,
  writesPerSec: 0,
  torn: 0,
});

interface Totals {
  t: number;
  ops: number;
  retries: number;
}

export class RateSampler {
  readonly perSlot = new Map<number, Rates>();
  total: Rates = zero();
  /** Columns for the chart: seconds (relative to now), accepted/s, retries/s, writes/s. */
  readonly history: [number[], number[], number[], number[]] = [[], [], [], []];
  version = 0;
  private readonly last = new Map<number, Totals>();
  private lastSampleAt = 0;

  constructor(private readonly mem: LabMemory) {}

  /** Samples when a quarter second has passed; returns whether anything new was computed. */
  sample(now: number, slots: readonly number[]): boolean {
    if (now - this.lastSampleAt < SAMPLE_MS) return false;
    this.lastSampleAt = now;
    const total = zero();
    for (const slot of slots) {
      const current: Totals = {
        t: now,
        ops: readCounter(this.mem, slot, C.ops),
        retries: readCounter(this.mem, slot, C.retries),
      };
      const previous = this.last.get(slot);
      this.last.set(slot, current);
      const rates = zero();
      rates.torn = readCounter(this.mem, slot, C.torn);
      if (previous) {
        const dt = (now - previous.t) / 1000;
        const ops = (current.ops - previous.ops) / dt;
        if (roleOfSlot(slot) === "writer") rates.writesPerSec = ops;
        else {
          rates.acceptedPerSec = ops;
          rates.retriesPerSec = (current.retries - previous.retries) / dt;
          rates.readsPerSec = rates.acceptedPerSec + rates.retriesPerSec;
        }
      }
      this.perSlot.set(slot, rates);
      total.readsPerSec += rates.readsPerSec;
      total.acceptedPerSec += rates.acceptedPerSec;
      total.retriesPerSec += rates.retriesPerSec;
      total.writesPerSec += rates.writesPerSec;
      total.torn += rates.torn;
    }
    for (const slot of [...this.perSlot.keys()])
      if (!slots.includes(slot)) this.perSlot.delete(slot);
    this.total = total;
    const [times, accepted, retries, writes] = this.history;
    times.push(now / 1000);
    accepted.push(total.acceptedPerSec);
    retries.push(total.retriesPerSec);
    writes.push(total.writesPerSec);
    if (times.length > HISTORY) for (const column of this.history) column.shift();
    this.version++;
    return true;
  }
}

export function formatRate(perSec: number): string {
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(2)} M/s`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(1)} k/s`;
  return `${perSec.toFixed(perSec < 10 ? 1 : 0)} /s`;
}
