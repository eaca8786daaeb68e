/**
 * Schedules typed, pasted or linked: the first bad token is named with its position, runs are
 * written compactly, and parsing reads back exactly what formatting wrote.
 */
import { describe, expect, it } from "vitest";
import { readerSlot, writerSlot } from "../../src/engine/layout";
import { formatSchedule, MAX_SCHEDULE_STEPS, parseSchedule } from "../../src/lab/schedule";

const W1 = writerSlot(0);
const R1 = readerSlot(0);
const R2 = readerSlot(1);

describe("schedule text", () => {
  it("reads threads, repeats and any separator", () => {
    expect(parseSchedule("W1 r1,R2+W1*3  R1*1")).toEqual({
      ok: true,
      steps: [W1, R1, R2, W1, W1, W1, R1],
    });
    expect(parseSchedule("   ")).toEqual({ ok: true, steps: [] });
  });

  it("names the first bad token and where it is", () => {
    const bad = parseSchedule("W1 W1 X9 R1");
    expect(bad).toMatchObject({ ok: false, token: "X9", index: 2 });
    if (!bad.ok) expect(bad.error).toMatch(/Step token 3, "X9"/);
    expect(parseSchedule("W5")).toMatchObject({ ok: false, token: "W5" });
    expect(parseSchedule("R1*0")).toMatchObject({ ok: false, token: "R1*0" });
    expect(parseSchedule("R1 R3", [W1, R1, R2])).toMatchObject({
      ok: false,
      index: 1,
      error: expect.stringMatching(/no R3 in this set-up/),
    });
    expect(parseSchedule(`W1*999 `.repeat(11))).toMatchObject({ ok: false, index: 10 });
    expect(MAX_SCHEDULE_STEPS).toBe(10_000);
  });

  it("formats runs compactly and reads them back", () => {
    const steps = [R1, R1, R1, W1, W1, R2, R1, R1];
    expect(formatSchedule(steps)).toBe("R1 R1 R1 W1 W1 R2 R1 R1");
    expect(formatSchedule(steps, true)).toBe("R1*3 W1*2 R2 R1*2");
    expect(parseSchedule(formatSchedule(steps, true))).toEqual({ ok: true, steps });
  });
});
