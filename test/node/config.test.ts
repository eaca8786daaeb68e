/**
 * Links are user input. parseConfig must never throw, must keep every value in range, must say
 * what it ignored, and must read back exactly what serializeConfig wrote.
 */
import { describe, expect, it } from "vitest";
import { LOCK_KINDS } from "../../src/engine/catalog";
import { MAX_READERS, MAX_WORDS, MAX_WRITERS, MIN_WORDS } from "../../src/engine/layout";
import {
  DEFAULT_CONFIG,
  type LabConfig,
  MAX_SPEED_MS,
  parseConfig,
  serializeConfig,
} from "../../src/lab/config";

function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe("link parsing", () => {
  it("survives 5000 random queries with every value in range", () => {
    const rand = random(99);
    const alphabet = "wrdspeedvrlockfailtheme=&%?#:;0123456789-+.eE xyzWR🧵<>\"'";
    for (let i = 0; i < 5000; i++) {
      const length = Math.floor(rand() * 80);
      let query = "";
      for (let k = 0; k < length; k++) query += alphabet[Math.floor(rand() * alphabet.length)];
      const { config, notices } = parseConfig(query);
      expect(config.writers).toBeGreaterThanOrEqual(1);
      expect(config.writers).toBeLessThanOrEqual(MAX_WRITERS);
      expect(config.readers).toBeGreaterThanOrEqual(1);
      expect(config.readers).toBeLessThanOrEqual(MAX_READERS);
      expect(config.words).toBeGreaterThanOrEqual(MIN_WORDS);
      expect(config.words).toBeLessThanOrEqual(MAX_WORDS);
      expect(config.speedMs).toBeGreaterThanOrEqual(0);
      expect(config.speedMs).toBeLessThanOrEqual(MAX_SPEED_MS);
      expect(LOCK_KINDS).toContain(config.lock);
      expect(Array.isArray(notices)).toBe(true);
    }
  });

  it("clamps out-of-range numbers and ignores unknown values, saying so", () => {
    const { config, notices } = parseConfig(
      "?w=9&r=0&words=abc&speed=full&lock=spin&zz=1&fail=W7:1",
    );
    expect(config.writers).toBe(MAX_WRITERS);
    expect(config.readers).toBe(1);
    expect(config.words).toBe(DEFAULT_CONFIG.words);
    expect(config.speedMs).toBe(0);
    expect(config.lock).toBe("seqlock");
    expect(config.fail).toBeNull();
    expect(notices).toHaveLength(6);
  });

  it("reads back what it wrote, and tells newer links apart", () => {
    const config: LabConfig = {
      ...DEFAULT_CONFIG,
      lock: "rwlock",
      writers: 2,
      readers: 5,
      words: 16,
      speedMs: 0,
      paused: true,
      restSteps: 3,
      projector: true,
      theme: "dark",
      readerVariant: "rdmw",
      fail: { slot: 5, afterSteps: 12 },
    };
    const query = serializeConfig(config);
    expect(query).toContain("fail=R2%3A12");
    expect(parseConfig(query)).toEqual({ config, notices: [] });
    expect(serializeConfig(DEFAULT_CONFIG)).toBe("");
    expect(parseConfig("?v=7").notices[0]).toMatch(/newer Seqlock Lab/);
  });

  it("carries a lesson and per-thread variants, relative to the lesson's own set-up", () => {
    const lesson = parseConfig("?scenario=broken-readers");
    expect(lesson.notices).toEqual([]);
    expect(lesson.config.readerMix).toEqual([
      "seqlock",
      "no-recheck",
      "no-odd-check",
      "plain-loads",
    ]);
    expect(serializeConfig(lesson.config)).toBe("?v=1&scenario=broken-readers");
    const changed: LabConfig = { ...lesson.config, readers: 2, readerMix: ["seqlock", "rdmw"] };
    const query = serializeConfig(changed);
    expect(query).toBe("?v=1&scenario=broken-readers&r=2&rv=seqlock%2Crdmw");
    expect(parseConfig(query)).toEqual({ config: changed, notices: [] });
    expect(parseConfig("?rv=seqlock,bogus").notices[0]).toMatch(/"bogus" is not a reader variant/);
    expect(parseConfig("?scenario=nope").notices[0]).toMatch(/no such lesson/);
    expect(parseConfig("?at=3").notices[0]).toMatch(/no schedule/);
    expect(parseConfig("?sched=W1&at=3").notices).toEqual([]);
    // The pointer table needs three words; a link asking for two gets three, with a notice.
    const pointer = parseConfig("?lock=pointer&words=2");
    expect(pointer.config.words).toBe(3);
    expect(pointer.notices).toHaveLength(1);
  });
});
