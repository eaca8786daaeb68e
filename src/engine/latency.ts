/**
 * Writer latency, sampled: a log-scale histogram (each bucket 25 % wider than the last, from
 * 50 ns) that a thread fills without allocating and the page or a benchmark reads as
 * percentiles. Bucket k covers [50 ns · 1.25^k, 50 ns · 1.25^(k+1)).
 */
export const LATENCY_BUCKETS = 80;
const BASE_US = 0.05;
const GROWTH = 1.25;
const LOG_GROWTH = Math.log(GROWTH);

export function latencyBucket(micros: number): number {
  if (micros <= BASE_US) return 0;
  return Math.min(LATENCY_BUCKETS - 1, Math.floor(Math.log(micros / BASE_US) / LOG_GROWTH));
}

/** Upper edge of a bucket, in microseconds: percentiles are reported conservatively. */
export function bucketUpperUs(bucket: number): number {
  return BASE_US * GROWTH ** (bucket + 1);
}

/** The p-th percentile (0..100) of a histogram, in microseconds; NaN when it is empty. */
export function percentileUs(histogram: ArrayLike<number>, p: number): number {
  let total = 0;
  for (let i = 0; i < histogram.length; i++) total += histogram[i];
  if (total === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i];
    if (seen >= rank) return bucketUpperUs(i);
  }
  return bucketUpperUs(histogram.length - 1);
}

/** Times one write in `sampleEvery` from its first attempt to its release, into a histogram. */
export class LatencySampler {
  readonly histogram = new Uint32Array(LATENCY_BUCKETS);
  private startedAt = -1;
  private countdown: number;

  constructor(private readonly sampleEvery = 16) {
    this.countdown = sampleEvery;
  }

  /** At every attempt to start a write; cheap unless this write is the sampled one. */
  attempt(): void {
    if (this.startedAt < 0 && --this.countdown <= 0) {
      this.countdown = this.sampleEvery;
      this.startedAt = performance.now();
    }
  }

  /**
   * When full speed ends with a sampled write still waiting (a starved writer never completes
   * one): record how long it has waited so far, so starvation shows in the percentiles.
   */
  flushPending(): void {
    this.done();
  }

  /** When a write has completed (lock released). */
  done(): void {
    if (this.startedAt >= 0) {
      this.histogram[latencyBucket((performance.now() - this.startedAt) * 1000)]++;
      this.startedAt = -1;
    }
  }
}
