/**
 * What a reader reports at full speed is what it really accepted and discarded: the copy it
 * reports as accepted is always consistent, even while the copies it discards are torn.
 */
import { describe, expect, it } from "vitest";
import { readerSlot, writerSlot } from "../../src/engine/layout";
import type { ThreadToPage } from "../../src/engine/messages";
import { sleep, startLab } from "./threads";

describe("full-speed summaries", () => {
  it("report a consistent accepted copy and the copy really discarded", async () => {
    const lab = startLab(16, [
      { slot: writerSlot(0), role: "writer", variant: "seqlock" },
      { slot: readerSlot(0), role: "reader", variant: "seqlock" },
    ]);
    const summaries: Array<Extract<ThreadToPage, { type: "summary" }>> = [];
    await lab.ready;
    lab.onMessage((m) => {
      if (m.type === "summary" && m.slot === readerSlot(0)) summaries.push(m);
    });
    lab.runAll();
    // Run until a summary has carried a torn discarded copy (the case a wrong report would
    // show), however busy the machine is; other test files share the two cores.
    const tornSeen = () => summaries.some((s) => new Set(s.lastDiscarded).size > 1);
    const deadline = Date.now() + 30_000;
    while ((!tornSeen() || summaries.length < 20) && Date.now() < deadline) await sleep(50);
    await lab.stop();
    // Discarded copies are often torn while a writer runs flat out: the reader saw the race.
    const tornDiscarded = summaries.filter((s) => new Set(s.lastDiscarded).size > 1);
    expect(tornDiscarded.length).toBeGreaterThan(0);
    // What the reader reports as accepted was accepted: always consistent, never one of those.
    for (const s of summaries) expect(new Set(s.lastAccepted).size).toBe(1);
    expect(summaries.some((s) => (s.lastAccepted?.[0] ?? 0) > 0)).toBe(true);
  });
});
