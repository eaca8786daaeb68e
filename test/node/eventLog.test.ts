/**
 * The log shows steps in the threads' order even though their messages arrive per worker, in
 * any order across workers.
 */
import { describe, expect, it } from "vitest";
import { EventLog } from "../../src/lab/eventLog";

const texts = (log: EventLog) =>
  Array.from({ length: log.length }, (_, i) => log.newest(log.length - 1 - i)?.text);

describe("event log order", () => {
  it("puts a late step back in ticket order", () => {
    const log = new EventLog(8, 0);
    log.add({ t: 1, order: 0, slot: 0, text: "a" });
    log.add({ t: 3, order: 2, slot: 0, text: "c" });
    log.add({ t: 4, order: 3, slot: 0, text: "d" });
    log.add({ t: 2, order: 1, slot: 4, text: "b" }); // another worker's message, late
    expect(texts(log)).toEqual(["a", "b", "c", "d"]);
  });

  it("keeps order across the ring's wrap and drops the oldest", () => {
    const log = new EventLog(4, 0);
    for (const [order, text] of [
      [0, "a"],
      [1, "b"],
      [2, "c"],
      [4, "e"],
      [5, "f"],
      [3, "d"],
    ] as const) {
      log.add({ t: order, order, slot: 0, text });
    }
    expect(texts(log)).toEqual(["c", "d", "e", "f"]);
  });

  it("orders entries without a ticket by time", () => {
    const log = new EventLog(4, 0);
    log.add({ t: 5, slot: -1, text: "later" });
    log.add({ t: 1, slot: -1, text: "earlier" });
    expect(texts(log)).toEqual(["earlier", "later"]);
  });
});
